import type { FC } from 'hono/jsx';
import type { VerificationReport } from '../schemas/report.js';
import { verdictOf } from '../verifier/verdict.js';
import { ASSET_NAMES } from './assets.js';
import { formatDate, pick, type Lang } from './i18n.js';
import { countText, insightMessages } from './i18n-insight.js';
import { Layout, type OpenGraph, type PageContext } from './layout.js';
import { registryName, UnitList } from './verify-page.js';

export interface LearnerLinks {
  page: string;
  verify: string;
  qrSvg: string;
  /** The QR is the offline one (the whole credential inside). */
  qrOffline?: boolean;
  json: string;
  jwt: string | null;
  /** The certificate as an Open Badges baked badge (the credential inside the picture). */
  badgePng: string;
}

/**
 * LinkedIn's "add to profile" link for a certification
 * (https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…).
 */
export function linkedInUrl(input: { name: string; organization: string; issued?: string; expires?: string; certUrl: string; certId: string }): string {
  const q = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: input.name, organizationName: input.organization });
  const ym = (iso: string | undefined, y: string, mo: string) => {
    const d = iso ? new Date(iso) : null;
    if (d && !Number.isNaN(d.getTime())) {
      q.set(y, String(d.getUTCFullYear()));
      q.set(mo, String(d.getUTCMonth() + 1));
    }
  };
  ym(input.issued, 'issueYear', 'issueMonth');
  ym(input.expires, 'expirationYear', 'expirationMonth');
  q.set('certUrl', input.certUrl);
  q.set('certId', input.certId);
  return `https://www.linkedin.com/profile/add?${q.toString()}`;
}

/** "Verified N times": the one thing the learner is told of the counts (issue 19). */
const VerifiedTimes: FC<{ lang: Lang; n: number }> = ({ lang, n }) => {
  const t = insightMessages(lang);
  return (
    <p class="verified-times" data-count={String(n)}>
      <strong>{n === 0 ? t.verifiedNever : n === 1 ? t.verifiedOnce : t.verifiedTimes(countText(n, lang))}</strong>
      <br />
      <span class="small">{t.verifiedNote}</span>
    </p>
  );
};

/**
 * The learner's certificate as a page to share and print. It shows what the certificate
 * itself says and nothing more: never the identifier hash, an email, a phone or an id number.
 */
export const LearnerPage: FC<{
  p: PageContext; id: string; report: VerificationReport; ministryName: string; links: LearnerLinks; og: OpenGraph;
  /** How many times the certificate was verified (a number only: who verified it is never recorded). */
  verifiedTimes?: number;
}> = ({ p, id, report, ministryName, links, og, verifiedTimes }) => {
  const { m, lang } = p;
  const c = report.credential;
  const a = c?.achievement;
  const verdict = verdictOf(report);
  const learner = pick(lang, c?.learner.name, c?.learner.nameKm) ?? '';
  const learnerAlt = lang === 'km' ? (c?.learner.nameKm ? c?.learner.name : undefined) : c?.learner.name ? c?.learner.nameKm : undefined;
  const institute = pick(lang, c?.issuer.name, c?.issuer.nameKm) ?? c?.issuer.id ?? '';
  const instituteAlt = lang === 'km' ? (c?.issuer.nameKm ? c?.issuer.name : undefined) : c?.issuer.name ? c?.issuer.nameKm : undefined;
  const achievement = pick(lang, a?.name, a?.nameKm) ?? '';
  const accredited = report.checks.find((k) => k.id === 'accreditation')?.status === 'passed';
  const linkedIn = linkedInUrl({
    name: a?.name ?? a?.nameKm ?? c?.name ?? 'Certificate',
    organization: c?.issuer.name ?? c?.issuer.nameKm ?? '',
    issued: c?.validFrom,
    expires: c?.validUntil,
    certUrl: links.verify,
    certId: id,
  });
  return (
    <Layout p={p} title={`${learner} · ${achievement}`} og={og} scripts={[ASSET_NAMES.page]}>
      {verdict !== 'valid' && (
        <p class="notice bad noprint" role="alert">
          {m.statusWarning(m.verdict[verdict].word)} <a href={links.verify}>{m.verdict[verdict].word}</a>
        </p>
      )}
      <article class="cert" aria-label={m.certificateOf}>
        <p class="inst">{institute}</p>
        {instituteAlt && <p class="inst-alt" lang={lang === 'km' ? 'en' : 'km'}>{instituteAlt}</p>}
        <p class="kind">{m.certificateOf}</p>
        <hr class="rule" />
        <p>{m.certifies}</p>
        <p class="who">{learner}</p>
        {learnerAlt && <p class="who-alt" lang={lang === 'km' ? 'en' : 'km'}>{learnerAlt}</p>}
        <p>{m.hasAchieved}</p>
        <p class="what">{achievement}</p>
        {(a?.level || a?.code) && (
          <p class="muted">
            {a?.level}
            {a?.level && a?.code && ' · '}
            {a?.code && <span class="code">{a.code}</span>}
          </p>
        )}
        {c?.result && (
          <p>
            {m.grade}{m.colon}<strong>{c.result}</strong>
          </p>
        )}
        {a && a.skills.length > 0 && (
          <div>
            <strong>{m.units}</strong>
            <br />
            <UnitList lang={lang} skills={a.skills} />
          </div>
        )}
        <div class="meta">
          {c?.validFrom && (
            <span>
              {m.issuedOn}{m.colon}<strong>{formatDate(c.validFrom, lang)}</strong>
            </span>
          )}
          {c?.validUntil && (
            <span>
              {m.validUntil}{m.colon}<strong>{formatDate(c.validUntil, lang)}</strong>
            </span>
          )}
        </div>
        {accredited && <p class="small">{m.accreditedBy(registryName(p, ministryName))}</p>}
        <img class="qr" src={links.qrSvg} width={144} height={144} alt={links.qrOffline ? m.scanToVerifyOffline : m.scanToVerify} />
        <p class="small" data-qr={links.qrOffline ? 'offline' : 'link'}>{links.qrOffline ? m.scanToVerifyOffline : m.scanToVerify}</p>
        <p class="cid">
          {m.credentialId}{m.colon}{id}
        </p>
      </article>
      <section class="card noprint" aria-labelledby="share">
        <h2 id="share">{m.share}</h2>
        <label for="share-url" class="small">{m.copyLink}</label>
        <input id="share-url" class="share" type="text" readonly value={links.page} />
        <div class="btns">
          <button type="button" class="btn" hidden data-copy={links.page} data-copied={m.copied}>{m.copyLink}</button>
          <a class="btn secondary" href={links.json}>{m.downloadJson}</a>
          {links.jwt && <a class="btn secondary" href={links.jwt}>{m.downloadJwt}</a>}
          <a class="btn secondary" href={links.badgePng} download>{m.downloadBadge}</a>
          <a class="btn secondary" href={linkedIn} rel="noopener noreferrer" target="_blank">{m.addLinkedIn}</a>
          <button type="button" class="btn secondary" hidden data-print>{m.print}</button>
        </div>
        {verifiedTimes !== undefined && <VerifiedTimes lang={lang} n={verifiedTimes} />}
        <p>
          <a href={links.verify}>{m.home}</a>
        </p>
      </section>
    </Layout>
  );
};
