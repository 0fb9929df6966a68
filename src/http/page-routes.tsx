import { Hono, type Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import { setCookie } from 'hono/cookie';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { verifyUrlFor } from '../issuer/issue.js';
import { offlineQrOf } from '../issuer/qr-offline.js';
import type { VerificationReport } from '../schemas/report.js';
import type { CredentialRecord } from '../store/port.js';
import { bakedInput, extractBaked } from '../verifier/baked.js';
import { isCredentialId, parseVerifyText } from '../verifier/input.js';
import { verdictOf } from '../verifier/verdict.js';
import { verifyAnything } from '../verifier/any-input.js';
import { countVerification } from '../insight/count.js';
import { isPackageAsset, packageAssetType, textAsset } from '../web/assets.js';
import { FAVICON_SVG, faviconIco } from '../web/favicon.js';
import { LANG_COOKIE, pick, type Lang } from '../web/i18n.js';
import { NotFoundPage, type PageContext } from '../web/layout.js';
import { LearnerPage } from '../web/learner-page.js';
import { VerifyAnythingPage } from '../web/verify-anything-page.js';
import { claimsTrust, VerifyPage } from '../web/verify-page.js';
import { pageHeaders } from './page-headers.js';
import { safeNext } from './safe-next.js';
import { VERIFY_BODY_LIMIT } from './body.js';
import { notModified, pageEtag } from './etag.js';
import { Lru } from '../util/lru.js';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';

const YEAR = 31_536_000;

/** A page (JSX) as the HTML text c.html would answer. */
const renderToString = async (node: unknown): Promise<string> =>
  resolveCallback(await (node as { toString(): string | Promise<string> }).toString(), HtmlEscapedCallbackPhase.Stringify, false, {});

/** The public pages: what a QR opens, "verify anything", the learner's page, and their assets. */
export function pageRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of ['/v/*', '/c/*', '/verify', '/lang/*', '/assets/*']) app.use(path, pageHeaders);

  const recordOf = async (id: string): Promise<CredentialRecord | null> => (isCredentialId(id) ? s.store.getCredential(id) : null);
  /** The stored credential a page shows, checked afresh (or from the cache while it holds), with its report's tag; null when this service never issued it. */
  const storedReport = async (id: string): Promise<{ record: CredentialRecord; report: VerificationReport; tag: string } | null> => {
    const record = await recordOf(id);
    return record && { record, ...(await s.storedVerification(record)) };
  };
  /*
   * The verify and learner pages by their ETag. A page ETag hashes everything the page is
   * rendered from (this instance, the stored verification's tag, the language, the page's own
   * path, and what else the page shows), so an entry is never stale: a changed verdict is a new
   * ETag and a new render. At most a thousand pages of ~10 kB (Khmer text is two bytes a letter).
   */
  const rendered = new Lru<string, string>(1_000);
  const page = async (etag: string, render: () => unknown): Promise<string> => {
    let html = rendered.get(etag);
    if (html === undefined) rendered.set(etag, (html = await renderToString(render())));
    return html;
  };
  const qrImage = (id: string) => `${s.publicUrl}/credentials/${id}/${s.qrPng ? 'qr.png' : 'qr.svg'}`;
  /** A link preview's picture: the share card where the runtime draws one and the certificate verifies as valid now, else its QR code. */
  const previewImage = (record: { id: string }, report: VerificationReport, imageAlt: string) =>
    s.shareCardPng && verdictOf(report) === 'valid'
      ? { image: `${s.publicUrl}/c/${record.id}/card.png`, imageAlt, large: true }
      : { image: qrImage(record.id), imageAlt };
  const notFound = (c: Context, p: PageContext, certificate: boolean) => {
    c.header('Cache-Control', 'no-store');
    return c.html(<NotFoundPage p={p} certificate={certificate} />, 404);
  };

  app.get('/v/:id', async (c) => {
    const p = c.get('page');
    const id = c.req.param('id');
    // A verdict the cache holds needs no read of the record (the page shows only the report).
    const held = isCredentialId(id) ? s.heldVerification(id) : null;
    const found = held ? { record: { id }, ...held } : await storedReport(id);
    if (!found) return notFound(c, p, true);
    const { record, report, tag } = found;
    countVerification(s.insight, 'qr-page', report, record.id);
    // Revalidated on every view (no-cache): a verdict can change at any time, and its ETag with it.
    const headers = { 'Cache-Control': 'no-cache', Vary: 'Cookie, Accept-Language' };
    // The page shows the day it was checked, not the time.
    const etag = await pageEtag(s.crypto, [s.instance, 'v', id, tag, p.lang, p.here, report.verifiedAt.slice(0, 10)]);
    const unchanged = notModified(c, etag, headers);
    if (unchanged) return unchanged;
    const html = await page(etag, () => {
      const a = report.credential?.achievement;
      // Claims nobody vouches for stay out of the title and the link preview too.
      const claims = claimsTrust(report) === 'withheld' ? [] : [pick(p.lang, a?.name, a?.nameKm), pick(p.lang, report.credential?.learner.name, report.credential?.learner.nameKm)];
      const title = claims.filter(Boolean).join(' · ') || p.m.verdict[verdictOf(report)].word.replace(/\u200B/g, '');
      return (
        <VerifyPage
          p={p}
          report={report}
          ministryName={s.ministryName}
          credentialUrl={`${p.base}/c/${id}/credential.json`}
          og={{ title: `${p.m.verifyTitle}: ${title}`, description: p.m.verifyIntro, url: verifyUrlFor(s.publicUrl, id), ...previewImage(record, report, title) }}
        />
      );
    });
    return c.html(html, 200, headers);
  });

  app.get('/verify', (c) => c.html(<VerifyAnythingPage p={c.get('page')} ministryName={s.ministryName} />));

  app.post(
    '/verify',
    bodyLimit({ maxSize: VERIFY_BODY_LIMIT + 16 * 1024, onError: (c) => c.html(<VerifyAnythingPage p={c.get('page')} ministryName={s.ministryName} error="1 MB max" />, 413) }),
    async (c) => {
      const p = c.get('page');
      const render = (props: { text?: string; error?: string; report?: VerificationReport }, status: 200 | 400 | 422 | 429 = 200) => {
        c.header('Cache-Control', 'no-store');
        return c.html(<VerifyAnythingPage p={p} ministryName={s.ministryName} {...props} />, status);
      };
      if (s.limits.verify.hit(`ip:${s.clientAddress?.(c) ?? 'unknown'}`) > 0) return render({ error: p.m.tooMany }, 429);
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const file = form.file;
      const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
      const pasted = typeof form.text === 'string' ? form.text : '';
      // A baked badge (PNG or SVG) carries the credential itself.
      const baked = bytes && !pasted.trim() ? extractBaked(bytes) : null;
      if (baked) {
        const input = bakedInput(baked, s.publicUrl);
        if (!input.ok) return render({ error: input.problem === 'none' ? p.m.badgeNone : p.m.badgeBad }, 422);
        if (input.parsed.kind === 'verify') {
          const outcome = await verifyAnything(s.verifier, input.parsed.input);
          if ('problem' in outcome) return render({ error: p.m.presentationNotOne }, 422);
          countVerification(s.insight, 'verify-page', outcome.report);
          return render({ report: outcome.report });
        }
      }
      const fromFile = bytes ? new TextDecoder().decode(bytes) : '';
      const text = (pasted.trim() || fromFile).trim();
      if (!text) return render({ error: p.m.verifyEmpty }, 400);
      const parsed = parseVerifyText(text, s.publicUrl);
      const shown = text.length <= 20_000 ? text : undefined;
      switch (parsed.kind) {
        case 'local':
          return c.redirect(`${p.base}/v/${parsed.id}`, 303);
        case 'foreign-url':
          return render({ text: shown, error: p.m.foreignLink }, 422);
        case 'unreadable':
          return render({ text: shown, error: p.m.unreadable }, 422);
        case 'verify': {
          const outcome = await verifyAnything(s.verifier, parsed.input);
          if ('problem' in outcome) return render({ text: shown, error: p.m.presentationNotOne }, 422);
          countVerification(s.insight, 'verify-page', outcome.report);
          return render({ text: shown, report: outcome.report });
        }
      }
    },
  );

  app.get('/c/:id', async (c) => {
    const p = c.get('page');
    const id = c.req.param('id');
    const found = await storedReport(id);
    if (!found) return notFound(c, p, true);
    const { record, report, tag } = found;
    s.insight.record({ event: 'page-view', credential: { id: record.id } });
    const verifiedTimes = await s.store.verificationCount(record.id);
    // The printed certificate carries the whole credential where it fits (issue 16).
    const offline = offlineQrOf(s.publicUrl, record)?.fits ?? false;
    const headers = { 'Cache-Control': 'no-cache', Vary: 'Cookie, Accept-Language' };
    const etag = await pageEtag(s.crypto, [s.instance, 'c', id, tag, p.lang, p.here, String(verifiedTimes), String(offline), String(Boolean(record.jwt))]);
    const unchanged = notModified(c, etag, headers);
    if (unchanged) return unchanged;
    const cred = report.credential;
    const learner = pick(p.lang, cred?.learner.name, cred?.learner.nameKm) ?? '';
    const achievement = pick(p.lang, cred?.achievement?.name, cred?.achievement?.nameKm) ?? '';
    const issuer = pick(p.lang, cred?.issuer.name, cred?.issuer.nameKm) ?? '';
    const html = await page(etag, () => (
      <LearnerPage
        p={p}
        id={id}
        report={report}
        ministryName={s.ministryName}
        verifiedTimes={verifiedTimes}
        links={{
          page: `${s.publicUrl}/c/${id}`,
          verify: verifyUrlFor(s.publicUrl, id),
          qrSvg: `${p.base}/credentials/${id}/${offline ? 'qr-offline.svg' : 'qr.svg'}`,
          qrOffline: offline,
          json: `${p.base}/c/${id}/credential.json`,
          jwt: record.jwt ? `${p.base}/c/${id}/credential.jwt` : null,
          badgePng: `${p.base}/credentials/${id}/badge.png`,
        }}
        og={{
          title: `${learner} · ${achievement}`,
          description: p.m.ogDescription(achievement, issuer),
          url: `${s.publicUrl}/c/${id}`,
          ...previewImage(record, report, `${learner} · ${achievement} · ${issuer}`),
        }}
      />
    ));
    return c.html(html, 200, headers);
  });

  const download = (kind: 'json' | 'jwt') => async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    const record = await recordOf(id);
    const body = record && (kind === 'json' ? record.diJson : record.jwt);
    if (!record || !body) return notFound(c, c.get('page'), true);
    return c.body(body, 200, {
      'Content-Type': kind === 'json' ? 'application/json; charset=utf-8' : 'application/vc+jwt',
      'Content-Disposition': `attachment; filename="credential-${id}.${kind}"`,
      'Cache-Control': 'no-cache',
    });
  };
  // The picture a shared link shows (Telegram, Facebook, LinkedIn take PNG, not SVG).
  app.get('/c/:id/card.png', async (c) => {
    const id = c.req.param('id');
    // Each card is a verification and a render: counted as a verification of the caller's.
    if (s.limits.verify.hit(`ip:${s.clientAddress?.(c) ?? 'unknown'}`) > 0) return c.body('too many requests; try again in a minute', 429, { 'Retry-After': '60' });
    const found = s.shareCardPng ? await storedReport(id) : null;
    // Only a certificate that verifies as valid now gets a card that looks like a good one
    // (not a revoked, suspended or expired one).
    if (!found?.report.credential || !s.shareCardPng || verdictOf(found.report) !== 'valid') return notFound(c, c.get('page'), true);
    const png = await s.shareCardPng({ credential: found.report.credential, verifyUrl: verifyUrlFor(s.publicUrl, id) });
    s.insight.record({ event: 'share-card', credential: { id: found.record.id } });
    return c.body(png as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600' });
  });
  app.get('/c/:id/credential.json', download('json'));
  app.get('/c/:id/credential.jwt', download('jwt'));

  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    const p = c.get('page');
    if (lang !== 'km' && lang !== 'en') return notFound(c, p, false);
    setCookie(c, LANG_COOKIE, lang satisfies Lang, {
      path: p.base || '/', maxAge: YEAR, sameSite: 'Lax', httpOnly: true, secure: s.publicUrl.startsWith('https:') || (s.requestIsHttps?.(c) ?? false),
    });
    return c.redirect(`${p.base}${safeNext(c.req.query('next'))}`, 303);
  });

  // The site's icon; a day's cache, since its URL carries no version.
  const icon = { 'Cache-Control': 'public, max-age=86400' };
  app.get('/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { ...icon, 'Content-Type': 'image/svg+xml; charset=utf-8' }));
  app.get('/favicon.ico', (c) => c.body(faviconIco() as Uint8Array<ArrayBuffer>, 200, { ...icon, 'Content-Type': 'image/x-icon' }));

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const cache = { 'Cache-Control': `public, max-age=${YEAR}, immutable` };
    const text = textAsset(name);
    if (text) return c.body(text.body, 200, { ...cache, 'Content-Type': text.type });
    const bytes = isPackageAsset(name) ? await s.packageAsset?.(name) : null;
    if (!bytes || !isPackageAsset(name)) return c.body('not found', 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...cache, 'Content-Type': packageAssetType(name) });
  });
  return app;
}
