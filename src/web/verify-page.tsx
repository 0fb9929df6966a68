import type { FC } from 'hono/jsx';
import type { Check, VerificationReport } from '../schemas/report.js';
import { verdictOf } from '../verifier/verdict.js';
import { formatDate, formatNumber, pick, type Messages } from './i18n.js';
import { Layout, type OpenGraph, type PageContext } from './layout.js';
import { VerdictBanner } from './verdict-banner.js';

/** The ministry's name as a page shows it: Khmer for the default ministry on Khmer pages. */
export function registryName(p: PageContext, ministryName: string): string {
  return p.lang === 'km' && ministryName === 'Ministry of Labour and Vocational Training' ? 'ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ' : ministryName;
}

type Skills = NonNullable<NonNullable<VerificationReport['credential']>['achievement']>['skills'];

/** The competency units of an achievement, each with its code, in the reader's language. */
export const UnitList: FC<{ lang: PageContext['lang']; skills: Skills }> = ({ lang, skills }) => (
  <ul class="units">
    {skills.map((s) => (
      <li>
        {s.code && <span class="code">{s.code} </span>}
        {pick(lang, s.name, s.nameKm)}
      </li>
    ))}
  </ul>
);

/**
 * How far a page may show a credential's claims. `verified`: the issuer's key signed them and
 * the issuer is accredited (or accreditation is not asked). `unverified`: a known key signed
 * them, but the signer is not accredited, so they are only its own word (anyone can make a
 * did:key and sign any institute's name). `withheld`: nothing ties them to anyone (the
 * signature fails, the key is unknown or reported compromised, the document is unreadable).
 */
export type ClaimsTrust = 'verified' | 'unverified' | 'withheld';

export function claimsTrust(report: VerificationReport): ClaimsTrust {
  const status = (id: string) => report.checks.find((k) => k.id === id)?.status;
  if (!report.credential || status('proof') !== 'passed' || status('issuer') !== 'passed') return 'withheld';
  const accreditation = status('accreditation');
  return accreditation === undefined || accreditation === 'passed' ? 'verified' : 'unverified';
}

/**
 * Who, what, by whom and when: the credential's content in the page's language, the other as
 * fallback. Claims nobody vouches for are not shown at all: a name on the page invites the
 * comparison with an ID card that a genuine page asks for, and a cropped screenshot of
 * greyed claims still looks like a certificate. Claims of an unaccredited signer are shown
 * greyed, under a label, since the signer is at least identified.
 */
export const CredentialDetails: FC<{ p: PageContext; report: VerificationReport; ministryName: string }> = ({ p, report, ministryName }) => {
  const c = report.credential;
  const { m, lang } = p;
  const trust = claimsTrust(report);
  if (trust === 'withheld' || !c) {
    return (
      <section class="card" data-claims="withheld">
        <h2>{m.claimsWithheldTitle}</h2>
        <p>{m.claimsWithheldLine}</p>
      </section>
    );
  }
  const a = c.achievement;
  const learner = pick(lang, c.learner.name, c.learner.nameKm);
  const learnerAlt = lang === 'km' ? (c.learner.nameKm ? c.learner.name : undefined) : c.learner.name ? c.learner.nameKm : undefined;
  const accreditation = report.checks.find((k) => k.id === 'accreditation');
  return (
    <section class={trust === 'verified' ? 'card' : 'card unverified'} data-claims={trust}>
      {trust === 'unverified' && <p class="unverified-label" role="note">⚠ {m.claimsUnverified}</p>}
      <dl>
        <dt>{m.learner}</dt>
        <dd>
          <span class="big">{learner ?? '—'}</span>
          {learnerAlt && <span class="alt" lang={lang === 'km' ? 'en' : 'km'}>{learnerAlt}</span>}
          {trust === 'verified' && <span class="small">{m.compareId}</span>}
        </dd>
        {a && (
          <>
            <dt>{m.achievement}</dt>
            <dd>
              <span class="big">{pick(lang, a.name, a.nameKm) ?? '—'}</span>
              {a.code && <span class="code"> {a.code}</span>}
            </dd>
            {a.level && (
              <>
                <dt>{m.level}</dt>
                <dd>{a.level}</dd>
              </>
            )}
            {a.skills.length > 0 && (
              <>
                <dt>{m.units}</dt>
                <dd>
                  <UnitList lang={lang} skills={a.skills} />
                </dd>
              </>
            )}
            {a.hours !== undefined && (
              <>
                <dt>{m.hours}</dt>
                <dd>{formatNumber(a.hours, lang)}</dd>
              </>
            )}
          </>
        )}
        {c.result && (
          <>
            <dt>{m.grade}</dt>
            <dd>{c.result}</dd>
          </>
        )}
        <dt>{m.issuedBy}</dt>
        <dd>
          {pick(lang, c.issuer.name, c.issuer.nameKm) ?? c.issuer.id}
          {accreditation && (
            <>
              <br />
              <span class={`acc ${accreditation.status === 'passed' ? 'acc-ok' : 'acc-bad'}`}>
                {accreditation.status === 'passed' ? `✓ ${m.accreditedBy(registryName(p, ministryName))}` : `✗ ${m.notAccredited}`}
              </span>
            </>
          )}
        </dd>
        {c.validFrom && (
          <>
            <dt>{m.validFrom}</dt>
            <dd>{formatDate(c.validFrom, lang)}</dd>
          </>
        )}
        <dt>{m.validUntil}</dt>
        <dd>{c.validUntil ? formatDate(c.validUntil, lang) : m.noExpiry}</dd>
      </dl>
    </section>
  );
};

const MARK: Record<Check['status'], string> = { passed: '✓', failed: '✗', skipped: '–' };

/** A check's outcome in the reader's language and plain words: a code's own words where it has them. */
export const plainOutcome = (m: Messages, check: Check): string =>
  check.code && check.code !== 'status_unknown' ? m.checkCode[check.code] : m.checkOutcome[check.id][check.status];

/**
 * "How this was checked": every check of the report and its outcome in plain words, in the
 * page's language. The verifier's own messages (DIDs, key ids, dates as stored), which an
 * HR reader has no use for and a support desk does, wait behind a disclosure, in English.
 */
export const ChecksList: FC<{ p: PageContext; report: VerificationReport }> = ({ p, report }) => (
  <section class="card" data-checks>
    <h2>{p.m.howChecked}</h2>
    <ul class="checks">
      {report.checks.map((check) => (
        <li data-check={check.id}>
          <span class={`st st-${check.status}`}>
            {MARK[check.status]} {p.m.check[check.id]}{p.m.colon}{p.m.checkStatus[check.status]}
          </span>
          <br />
          <span class="small">{plainOutcome(p.m, check)}</span>
        </li>
      ))}
    </ul>
    <p class="small">{p.m.checkedAt(formatDate(report.verifiedAt, p.lang))}</p>
    <details class="tech">
      <summary>{p.m.technicalDetails}</summary>
      <ul lang="en">
        {report.checks.map((check) => (
          <li>
            <code>{check.id}</code> {check.status}{check.code ? ` (${check.code})` : ''}: {check.message}
          </li>
        ))}
      </ul>
    </details>
  </section>
);

/** The page a certificate's QR code opens: the verdict first, then what was certified, then how it was checked. */
export const VerifyPage: FC<{ p: PageContext; report: VerificationReport; ministryName: string; credentialUrl: string; og: OpenGraph }> = ({
  p, report, ministryName, credentialUrl, og,
}) => (
  <Layout p={p} title={`${p.m.verdict[verdictOf(report)].word} · ${p.m.verifyTitle}`} og={og} offline>
    <VerdictBanner p={p} report={report} />
    <CredentialDetails p={p} report={report} ministryName={ministryName} />
    <ChecksList p={p} report={report} />
    <p class="btns noprint">
      <a class="btn secondary" href={credentialUrl}>{p.m.downloadCredential}</a>
      <a class="btn secondary" href={`${p.base}/verify`}>{p.m.verifyAnother}</a>
    </p>
  </Layout>
);
