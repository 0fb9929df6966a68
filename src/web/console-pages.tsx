import type { FC, PropsWithChildren } from 'hono/jsx';
import { statusOf, transitionRefusal, type CredentialStatus } from '../issuer/status.js';
import { ACHIEVEMENT_TYPES } from '../schemas/issue-request.js';
import type { AccreditationPeriod, CredentialEvent, CredentialRecord, Institute, StatusAction } from '../store/port.js';
import { formatDate, formatNumber, pick } from './i18n.js';
import { insightMessages } from './i18n-insight.js';
import { webhookMessages } from './i18n-webhooks.js';
import { provinceByCode, sectorByCode } from '../insight/provinces.js';
import { Layout, type PageContext } from './layout.js';
import type { Credential } from '../schemas/credential.js';
import { summarize } from '../verifier/summary.js';

/** What the console pages know about who is signed in. */
export interface ConsoleUser {
  label: string;
  isMinistry: boolean;
  csrf: string;
  canIssue: boolean;
  canRevoke: boolean;
  /** The admin scope: the institute's keys and webhooks. */
  canAdmin?: boolean;
}

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export const ConsoleLayout: FC<PropsWithChildren<{ p: PageContext; user: ConsoleUser; title: string; refresh?: number }>> = ({ p, user, title, refresh, children }) => (
  <Layout p={p} title={`${title} · ${p.m.console}`} wide refresh={refresh}>
    <nav class="nav" aria-label={p.m.console}>
      <strong>{p.m.console}</strong>
      <a href={`${p.base}/console/credentials`}>{p.m.credentials}</a>
      {user.canIssue && <a href={`${p.base}/console/issue`}>{p.m.issueOne}</a>}
      {user.canIssue && <a href={`${p.base}/console/batches`}>{p.m.cohorts}</a>}
      {user.isMinistry && <a href={`${p.base}/console/institutes`}>{p.m.institutes}</a>}
      <a href={`${p.base}/console/insight`}>{insightMessages(p.lang).insight}</a>
      {user.canAdmin && <a href={`${p.base}/console/webhooks`}>{webhookMessages(p.lang).webhooks}</a>}
      <span class="small">{p.m.signedInAs(user.label)}</span>
      <form method="post" action={`${p.base}/console/logout`} class="inline">
        <Csrf token={user.csrf} />
        <button type="submit" class="btn secondary">{p.m.signOut}</button>
      </form>
    </nav>
    {children}
  </Layout>
);

export const LoginPage: FC<{ p: PageContext; csrf: string; error?: string }> = ({ p, csrf, error }) => (
  <Layout p={p} title={`${p.m.signIn} · ${p.m.console}`}>
    <h1>{p.m.console}</h1>
    {error && <p class="notice bad" role="alert">{error}</p>}
    <form class="card" method="post" action={`${p.base}/console/login`}>
      <Csrf token={csrf} />
      <label for="key">{p.m.apiKey}</label>
      <input type="password" id="key" name="key" required autocomplete="off" spellcheck={false} />
      <p class="small">{p.m.apiKeyHint}</p>
      <p class="btns">
        <button type="submit" class="btn">{p.m.signIn}</button>
      </p>
    </form>
  </Layout>
);


const StatusPill: FC<{ p: PageContext; status: CredentialStatus }> = ({ p, status }) => (
  <span class={`pill p-${status}`}>{p.m.statusWord[status]}</span>
);

export const CredentialListPage: FC<{
  p: PageContext;
  user: ConsoleUser;
  search: string;
  page: number;
  pageSize: number;
  total: number;
  credentials: CredentialRecord[];
  notice?: string;
}> = ({ p, user, search, page, pageSize, total, credentials, notice }) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (n: number) => `${p.base}/console/credentials?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;
  return (
    <ConsoleLayout p={p} user={user} title={p.m.credentials}>
      <h1>{p.m.credentials}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <form method="get" action={`${p.base}/console/credentials`} class="btns" role="search">
        <label for="q" class="small">{p.m.search}</label>
        <input type="search" id="q" name="q" value={search} />
        <button type="submit" class="btn">{p.m.searchButton}</button>
      </form>
      {credentials.length === 0 ? (
        <p>{p.m.noneFound}</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th>{p.m.learner}</th>
              <th>{p.m.achievement}</th>
              <th>{p.m.issuedAt}</th>
              <th>{p.m.status}</th>
            </tr>
          </thead>
          <tbody>
            {credentials.map((r) => (
              <tr data-id={r.id}>
                <td data-label={p.m.learner}>
                  <a href={`${p.base}/console/credentials/${r.id}`}>{r.learnerName}</a>
                </td>
                <td data-label={p.m.achievement}>{r.achievementName}</td>
                <td data-label={p.m.issuedAt}>{formatDate(r.issuedAt, p.lang)}</td>
                <td data-label={p.m.status}>
                  <StatusPill p={p} status={statusOf(r)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="btns">
        {page > 1 && <a class="btn secondary" href={link(page - 1)}>{p.m.previous}</a>}
        <span class="small">{p.m.pageOf(page, pages)} · {formatNumber(total, p.lang)}</span>
        {page < pages && <a class="btn secondary" href={link(page + 1)}>{p.m.next}</a>}
      </p>
    </ConsoleLayout>
  );
};

export const ACTIONS: StatusAction[] = ['revoke', 'suspend', 'reinstate'];
/** The changes the issuer's own rule allows from the credential's status now. */
export const allowedActions = (record: CredentialRecord): StatusAction[] => ACTIONS.filter((a) => transitionRefusal(record, a) === null);

export const CredentialDetailPage: FC<PropsWithChildren<{
  p: PageContext;
  user: ConsoleUser;
  record: CredentialRecord;
  events: CredentialEvent[];
  notice?: string;
  error?: string;
}>> = ({ p, user, record, events, notice, error, children }) => {
  const status = statusOf(record);
  // The Khmer names as the credential carries them (old and new shapes alike).
  const shown = summarize(JSON.parse(record.diJson) as Credential);
  return (
    <ConsoleLayout p={p} user={user} title={record.learnerName}>
      <h1>
        {record.learnerName} <StatusPill p={p} status={status} />
      </h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      {error && <p class="notice bad" role="alert">{error}</p>}
      <section class="card">
        <dl>
          {shown.learner.nameKm && (
            <>
              <dt>{p.m.learnerNameKm}</dt>
              <dd lang="km">{shown.learner.nameKm}</dd>
            </>
          )}
          <dt>{p.m.achievement}</dt>
          <dd>
            {record.achievementName}
            {shown.achievement?.nameKm && <> · <span lang="km">{shown.achievement.nameKm}</span></>}
          </dd>
          <dt>{p.m.issuedAt}</dt>
          <dd>{formatDate(record.issuedAt, p.lang)}</dd>
          <dt>{p.m.validFrom}</dt>
          <dd>{formatDate(record.validFrom, p.lang)}</dd>
          <dt>{p.m.validUntil}</dt>
          <dd>{record.validUntil ? formatDate(record.validUntil, p.lang) : p.m.noExpiry}</dd>
          <dt>{p.m.credentialId}</dt>
          <dd class="code">{record.id}</dd>
        </dl>
        <p class="btns">
          <a class="btn secondary" href={`${p.base}/c/${record.id}`}>{p.m.certificateOf}</a>
          <a class="btn secondary" href={`${p.base}/v/${record.id}`}>{p.m.verifyTitle}</a>
        </p>
      </section>
      {/* More about the credential (its wallet offers: src/web/wallet-pages.tsx). */}
      {children}
      {user.canRevoke && allowedActions(record).length > 0 && (
        <section class="card">
          <h2>{p.m.actions}</h2>
          <p class="btns">
            {allowedActions(record).map((a) => (
              <a class={`btn ${a === 'revoke' ? 'danger' : 'secondary'}`} href={`${p.base}/console/credentials/${record.id}/${a}`}>
                {p.m[a]}
              </a>
            ))}
          </p>
        </section>
      )}
      {events.length > 0 && (
        <section class="card">
          <h2>{p.m.history}</h2>
          <ul>
            {events.map((e) => (
              <li>
                {formatDate(e.at, p.lang)}{p.m.colon}<strong>{p.m[e.action]}</strong>
                {e.reason && <> — {e.reason}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </ConsoleLayout>
  );
};

/** The confirmation step of a status change: what will happen, a reason, and a button. */
export const ConfirmPage: FC<{ p: PageContext; user: ConsoleUser; record: CredentialRecord; action: StatusAction; error?: string; reason?: string }> = ({
  p, user, record, action, error, reason,
}) => (
  <ConsoleLayout p={p} user={user} title={p.m.confirmTitle[action]}>
    <h1>{p.m.confirmTitle[action]}</h1>
    {error && <p class="notice bad" role="alert">{error}</p>}
    <section class="card">
      <p>
        <strong>{record.learnerName}</strong> · {record.achievementName} · <span class="code">{record.id}</span>
      </p>
      <p class={action === 'revoke' ? 'err' : undefined}>{p.m.confirmLine[action]}</p>
      <form method="post" action={`${p.base}/console/credentials/${record.id}/${action}`}>
        <Csrf token={user.csrf} />
        <label for="reason">{p.m.reason}</label>
        <textarea id="reason" name="reason" rows={3} maxlength={500} required={action !== 'reinstate'}>{reason ?? ''}</textarea>
        <p class="small">{p.m.reasonHint}</p>
        <p class="btns">
          <button type="submit" class={`btn ${action === 'revoke' ? 'danger' : ''}`}>{p.m.confirm}{p.m.colon}{p.m[action]}</button>
          <a class="btn secondary" href={`${p.base}/console/credentials/${record.id}`}>{p.m.cancel}</a>
        </p>
      </form>
    </section>
  </ConsoleLayout>
);

export type IssueFormValues = Record<string, string>;

/** The ministry's choice of the institute a credential or a cohort is issued for. */
export const InstitutePicker: FC<{ p: PageContext; institutes: Institute[]; chosen?: string }> = ({ p, institutes, chosen }) => (
  <div>
    <label for="institute">{p.m.instituteLabel}</label>
    <select id="institute" name="institute">
      {institutes.map((i) => (
        <option value={i.slug} selected={chosen === i.slug}>{pick(p.lang, i.name, i.nameKm)}</option>
      ))}
    </select>
  </div>
);

const Field: FC<{ p: PageContext; name: string; label: string; values: IssueFormValues; errors: Record<string, string>; type?: string; required?: boolean; lang?: string }> = ({
  name, label, values, errors, type = 'text', required, lang,
}) => (
  <div>
    <label for={name}>{label}</label>
    <input type={type} id={name} name={name} value={values[name] ?? ''} required={required} lang={lang} aria-invalid={errors[name] ? 'true' : undefined} />
    {errors[name] && <p class="field-err">{errors[name]}</p>}
  </div>
);

const Area: FC<{ name: string; label: string; values: IssueFormValues; errors: Record<string, string>; required?: boolean }> = ({ name, label, values, errors, required }) => (
  <div>
    <label for={name}>{label}</label>
    <textarea id={name} name={name} rows={3} required={required}>{values[name] ?? ''}</textarea>
    {errors[name] && <p class="field-err">{errors[name]}</p>}
  </div>
);

export const IssuePage: FC<{ p: PageContext; user: ConsoleUser; values: IssueFormValues; errors: Record<string, string>; error?: string; institutes: Institute[] }> = ({
  p, user, values, errors, error, institutes,
}) => {
  const f = { p, values, errors };
  return (
    <ConsoleLayout p={p} user={user} title={p.m.issueOne}>
      <h1>{p.m.issueOne}</h1>
      {(error || Object.keys(errors).length > 0) && <p class="notice bad" role="alert">{error ?? p.m.fixErrors}</p>}
      <form method="post" action={`${p.base}/console/issue`} class="card">
        <Csrf token={user.csrf} />
        {user.isMinistry && <InstitutePicker p={p} institutes={institutes} chosen={values.institute} />}
        <h2>{p.m.learner}</h2>
        <div class="row">
          <Field {...f} name="learnerName" label={p.m.learnerName} required />
          <Field {...f} name="learnerNameKm" label={p.m.learnerNameKm} lang="km" />
          <Field {...f} name="email" label={p.m.email} type="email" />
          <Field {...f} name="phone" label={p.m.phone} type="tel" />
          <Field {...f} name="nationalId" label={p.m.nationalId} />
        </div>
        <h2>{p.m.achievement}</h2>
        <div class="row">
          <Field {...f} name="achievementName" label={p.m.achievementName} required />
          <Field {...f} name="achievementNameKm" label={p.m.achievementNameKm} lang="km" />
          <Field {...f} name="code" label={p.m.code} />
          <Field {...f} name="level" label={p.m.level} />
          <Field {...f} name="field" label={p.m.field} />
          <Field {...f} name="hours" label={p.m.hours} type="number" />
          <div>
            <label for="type">{p.m.type}</label>
            <select id="type" name="type">
              {ACHIEVEMENT_TYPES.map((t) => (
                <option value={t} selected={(values.type ?? 'Certificate') === t}>{t}</option>
              ))}
            </select>
          </div>
        </div>
        <Area {...f} name="description" label={p.m.description} required />
        <Area {...f} name="criteria" label={p.m.criteria} required />
        <Area {...f} name="skills" label={p.m.skills} />
        <h2>{p.m.dates}</h2>
        <div class="row">
          <Field {...f} name="validFrom" label={p.m.validFrom} type="date" />
          <Field {...f} name="validUntil" label={p.m.validUntil} type="date" />
        </div>
        <p class="btns">
          <button type="submit" class="btn">{p.m.issueButton}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
};

/** An institute's province and sector, in the page's language (nothing when neither is given). */
const PlaceLine: FC<{ p: PageContext; province?: string | null; sector?: string | null }> = ({ p, province, sector }) => {
  const t = insightMessages(p.lang);
  const where = provinceByCode(province);
  const who = sectorByCode(sector);
  if (!where && !who) return null;
  return (
    <span class="small place">
      <br />
      {where && <>{t.province}{p.m.colon}{p.lang === 'km' ? where.nameKm : where.name}</>}
      {where && who && ' · '}
      {who && <>{t.sector}{p.m.colon}{p.lang === 'km' ? who.nameKm : who.name}</>}
    </span>
  );
};

export const InstitutesPage: FC<{ p: PageContext; user: ConsoleUser; rows: Array<{ institute: Institute; periods: AccreditationPeriod[]; accreditedNow: boolean }> }> = ({
  p, user, rows,
}) => (
  <ConsoleLayout p={p} user={user} title={p.m.institutes}>
    <h1>{p.m.ministryView}</h1>
    <table class="stack">
      <thead>
        <tr>
          <th>{p.m.institutes}</th>
          <th>{p.m.status}</th>
          <th>{p.m.accreditation}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ institute: i, periods, accreditedNow }) => (
          <tr data-slug={i.slug}>
            <td data-label={p.m.institutes}>
              <strong>{pick(p.lang, i.name, i.nameKm)}</strong>
              <br />
              <span class="code">{i.slug}</span>
              <PlaceLine p={p} province={i.province} sector={i.sector} />
            </td>
            <td data-label={p.m.status}>
              <span class={`pill ${i.status === 'active' ? 'p-active' : 'p-suspended'}`}>{p.m.instituteStatus[i.status]}</span>
            </td>
            <td data-label={p.m.accreditation}>
              <span class={`pill ${accreditedNow ? 'p-active' : 'p-revoked'}`}>{accreditedNow ? p.m.accreditedNow : p.m.notAccreditedNow}</span>
              <ul class="small">
                {periods.map((a) => (
                  <li>
                    {p.m.since} {formatDate(a.validFrom, p.lang)}
                    {a.validUntil && <> · {p.m.until} {formatDate(a.validUntil, p.lang)}</>}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </ConsoleLayout>
);
