import type { Lang } from '../../web/i18n.js';
import { formatDate, t } from '../../web/i18n.js';
import type { PageContext } from '../../web/layout.js';
import { VerdictBanner } from '../../web/verdict-banner.js';
import { ChecksList, CredentialDetails } from '../../web/verify-page.js';
import { verdictOf } from '../../verifier/verdict.js';
import type { OfflineKit } from '../kit.js';
import { decodeOfflinePayload, offlinePayloadIn } from '../payload.js';
import { KIT_ELEMENT_ID } from '../service-worker.js';
import { browserCrypto } from './web-crypto.js';
import { verifyOffline, type OfflineOutcome } from './verify-offline.js';

/*
 * The page side of offline verification, bundled into one script (npm run offline:regenerate).
 * On the offline shell (what the service worker serves for /v/:id with no network) it
 * verifies the credential in the link's fragment against the saved kit and renders the same
 * verdict, details and checks as the server's page (the same hono/jsx components, which
 * escape every claim: markup in a name is shown as text). On the online verify page it
 * compares the fragment with the stored credential and warns on any difference.
 */

const LANG_KEY = 'sc_lang';
/** The app's path prefix, from this script's own URL (…/assets/offline.<hash>.js). */
const ROOT = ((): string => {
  const src = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
  const at = src.lastIndexOf('/assets/');
  return at >= 0 ? new URL(src.slice(0, at)).pathname.replace(/\/+$/, '') : '';
})();
const root = (): string => ROOT;

function savedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    if (v === 'km' || v === 'en') return v;
  } catch {
    // storage may be off; fall through to the browser's language
  }
  return (navigator.languages ?? [navigator.language]).some((l) => /^km\b/i.test(l)) ? 'km' : 'en';
}

/** The kit: as the service worker put it into the shell (service-worker.ts), else from its cache. */
async function loadKit(): Promise<OfflineKit | null> {
  const embedded = document.getElementById(KIT_ELEMENT_ID)?.textContent;
  if (embedded) {
    try {
      return JSON.parse(embedded) as OfflineKit;
    } catch {
      // not readable: the saved copy below
    }
  }
  const url = `${root()}/offline/kit.json`;
  try {
    // The page reads the service worker's cache itself: no network attempt when offline.
    const hit = 'caches' in window ? await caches.match(url) : undefined;
    const res = hit ?? (await fetch(url));
    return res.ok ? ((await res.json()) as OfflineKit) : null;
  } catch {
    return null;
  }
}

const html = (node: unknown): string => String(node);
const pageContext = (lang: Lang, publicUrl: string, here: string): PageContext => ({ lang, m: t(lang), base: root(), publicUrl, here });

function render(p: PageContext, outcome: OfflineOutcome | null, note: string | null, ministryName: string): void {
  const main = document.getElementById('offline-main');
  if (!main) return;
  document.documentElement.lang = p.lang;
  const other = p.lang === 'km' ? 'en' : 'km';
  const switcher = document.querySelector<HTMLAnchorElement>('[data-offline-lang]');
  if (switcher) {
    switcher.textContent = p.m.otherLangName;
    switcher.lang = other;
  }
  if (!outcome) {
    renders++;
    main.innerHTML = html(<div class="card" data-offline-note><p>{note}</p></div>);
    document.title = p.m.verifyTitle;
    return;
  }
  const { report, asOf } = outcome;
  const day = asOf ? formatDate(asOf, p.lang) : '—';
  // The verdict first, on screen in a frame of its own; the details (names, units, each check)
  // follow once it is painted: laying out the whole page at once held the verdict back by
  // about a third of the time to it on a slow phone.
  const generation = ++renders;
  main.innerHTML = html(
    <>
      <VerdictBanner p={p} report={report} />
      <p class="small" data-offline-checked>{p.m.offlineChecked(day, day)}</p>
      {note && <p class="card" role="note" data-offline-note>{note}</p>}
    </>,
  );
  document.title = `${p.m.verdict[verdictOf(report)].word.replace(/\u200B/g, '')} · ${p.m.verifyTitle}`;
  afterPaint(() => {
    // A later render (the language switched meanwhile) draws its own details.
    if (generation !== renders) return;
    main.insertAdjacentHTML('beforeend', html(
      <>
        <CredentialDetails p={p} report={report} ministryName={ministryName} />
        <ChecksList p={p} report={report} />
      </>,
    ));
    main.setAttribute('data-offline-complete', '');
  });
}

/** Renders so far: a deferred part of an earlier one is dropped. */
let renders = 0;

/** Runs `then` after the next frame is painted (a task queued from the frame's callback runs after its paint). */
function afterPaint(then: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    setTimeout(then, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(then, 0));
}

async function runOffline(): Promise<void> {
  const publicUrl = document.documentElement.getAttribute('data-public-url') ?? location.origin;
  const here = location.pathname + location.search;
  let lang = savedLang();
  const payload = offlinePayloadIn(location.href);
  let outcome: OfflineOutcome | null = null;
  let note: string | null = null;
  let ministryName = '';
  if (payload === null) {
    note = 'none';
  } else {
    let jwt: string | null = null;
    try {
      jwt = decodeOfflinePayload(payload);
    } catch {
      note = 'unreadable';
    }
    if (jwt !== null) {
      const kit = await loadKit();
      ministryName = kit?.ministry.name ?? '';
      outcome = await verifyOffline(jwt, kit, new Date(), browserCrypto);
      if (!kit) note = 'no-kit';
    }
  }
  const show = () => {
    const p = pageContext(lang, publicUrl, here);
    const text = note === 'none' ? p.m.offlineNoPayload : note === 'unreadable' ? p.m.offlineUnreadable : note === 'no-kit' ? p.m.offlineNoKit : null;
    if (note === 'unreadable') {
      const report = { verified: false, format: null, checks: [{ id: 'format' as const, status: 'failed' as const, message: 'the offline payload cannot be read' }], credential: null, verifiedAt: new Date().toISOString() };
      render(p, { report, asOf: null }, text, ministryName);
    } else {
      render(p, outcome, text, ministryName);
    }
  };
  show();
  document.querySelector('[data-offline-lang]')?.addEventListener('click', (event) => {
    event.preventDefault();
    lang = lang === 'km' ? 'en' : 'km';
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // not remembered; still switched
    }
    show();
  });
}

/** Online, on /v/:id: the fragment's credential must be the stored one, byte for byte. */
async function compareOnline(): Promise<void> {
  const payload = offlinePayloadIn(location.href);
  const id = /\/v\/([1-9A-HJ-NP-Za-km-z]{10,40})$/.exec(location.pathname)?.[1];
  if (payload === null || !id) return;
  const m = t(document.documentElement.lang === 'km' ? 'km' : 'en');
  let warning: string | null = null;
  try {
    const jwt = decodeOfflinePayload(payload);
    const res = await fetch(`${root()}/credentials/${id}`, { headers: { Accept: 'application/vc+jwt' } });
    if (!res.ok) return;
    if ((await res.text()).trim() !== jwt) warning = m.offlineDiffers;
  } catch {
    warning = m.offlineUnreadable;
  }
  if (!warning) return;
  const banner = document.querySelector('.verdict');
  const note = document.createElement('p');
  note.className = 'card warn';
  note.setAttribute('role', 'alert');
  note.setAttribute('data-offline-differs', '');
  note.textContent = `⚠ ${warning}`;
  banner?.after(note);
}

if (document.body.hasAttribute('data-offline-shell')) void runOffline();
else void compareOnline();
