import { deflateSync } from 'fflate';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { offlineQr, OFFLINE_QR_MAX_VERSION } from '../src/issuer/qr-offline.js';
import { OFFLINE_VERIFIER_JS } from '../src/offline/generated/verifier-bundle.js';
import { digitsToBytes } from '../src/offline/payload.js';
import { haveChromium, serveForBrowser } from '../test/browser/harness.js';
import { issue, makeTestApp, sampleRequest, type TestContext } from '../test/helpers.js';
import { readmeExample, tooLargeExample } from '../test/offline-helpers.js';

/*
 * npm run bench:offline: the offline QR and verifier budgets of issue 16.
 *  1. For each credential of the corpus: vc+jwt size, DEFLATE without and with the SC1
 *     dictionary, SC1 digits, and the QR version at error correction M (≤ 22 to print it).
 *  2. The offline verifier's JavaScript, raw and gzipped (budget 60 KB gzipped).
 *  3. The time from opening an offline QR link (phone offline, service worker warm) to the
 *     verdict on screen, in Chromium at 360 px with 4× CPU throttling (budget 1 s).
 */

const PUBLIC_URL = 'https://certs.example.gov.kh';

function corpus(): Array<[string, unknown]> {
  const base = sampleRequest();
  const readme = readmeExample();
  return [
    ['README example (km + en names, 2 skills, result, status)', readme],
    ['test sample (email + national id hashed, 2 skills)', base],
    ['phone only, no Khmer names, 1 skill', { learner: { name: 'Chan Sophea', phone: '012 345 678' }, achievement: { ...base.achievement, nameKm: undefined, skills: [base.achievement.skills[0]] } }],
    ['no identity (random urn:uuid subject)', { ...readme, learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' } }],
    ['another programme: Motorcycle Repair, 4 units in km + en', {
      learner: { name: 'Heng Vanna', nameKm: 'ហេង វណ្ណា', email: 'vanna@example.com' },
      achievement: {
        name: 'Motorcycle Repair', nameKm: 'ការជួសជុលម៉ូតូ', description: 'Services and repairs small motorcycles.', criteria: 'Passed the practical and written assessment of all units.',
        type: 'Certificate', code: 'MOT-L1', level: 'CQF Level 1', hours: 300,
        skills: ['Engine', 'Brakes', 'Electrics', 'Workshop safety'].map((n, i) => ({ code: `MOT-U0${i + 1}`, name: n, nameKm: `ផ្នែក ${n}` })),
      },
      validFrom: '2026-02-15', result: 'Competent',
    }],
    ['8 units with Khmer names', { ...readme, achievement: { ...readme.achievement, skills: Array.from({ length: 8 }, (_, i) => ({ code: `ELC-U0${i}`, name: `Electrical unit ${i}`, nameKm: `ផ្នែកអគ្គិសនី ${i}` })) } }],
    ['too large (long description, 24 units): falls back to the link', tooLargeExample()],
  ];
}

async function sizes(ctx: TestContext): Promise<string[]> {
  const rows = ['| credential | vc+jwt chars | JSON bytes | DEFLATE, no dictionary | DEFLATE, SC1 dictionary | SC1 digits | QR version (M) | prints offline |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
  for (const [name, body] of corpus()) {
    const issued = await issue(ctx, body);
    const [h, p] = issued.jwt.split('.');
    const json = Buffer.concat([Buffer.from(h!, 'base64url'), Buffer.from('\n'), Buffer.from(p!, 'base64url')]);
    const plain = deflateSync(json, { level: 9 }).length;
    const qr = offlineQr(PUBLIC_URL, issued.id, issued.jwt);
    const withDict = digitsToBytes(qr.url.split('#SC1')[1]!)!.length - 64;
    rows.push(`| ${name} | ${issued.jwt.length} | ${json.length} | ${plain} + 64 sig | ${withDict} + 64 sig | ${qr.payloadDigits} | ${qr.version} | ${qr.fits ? 'yes' : `no (> ${OFFLINE_QR_MAX_VERSION}): link-only QR`} |`);
  }
  return rows;
}

/*
 * What the page records for the verdict, from its navigation start (performance.timeOrigin,
 * the moment the phone starts opening the link): when the verdict is put into the page, and
 * when it is painted (Element Timing on the verdict's sentence: the frame that shows it). It
 * says so on the console, which Playwright hears without running anything in the page: waiting
 * with a selector would run Playwright's own script engine in the throttled page while it
 * loads (about 300 ms of its main thread at 4x), which a phone opening the link does not do.
 */
const PAINTED = 'skillcert-bench: verdict painted';
const VERDICT_CLOCK = `(() => {
  var t = window.__verdictClock = {};
  new MutationObserver(function () {
    var line = !t.inserted && document.querySelector('[data-verdict] p:not(.word)');
    if (!line) return;
    t.inserted = performance.now();
    line.setAttribute('elementtiming', 'verdict');
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      if (e.identifier !== 'verdict' || t.painted) return;
      t.painted = e.renderTime || e.loadTime;
      console.debug(${JSON.stringify(PAINTED)});
    });
  }).observe({ type: 'element', buffered: true });
})()`;

interface VerdictTime {
  /** Navigation start to the verdict painted: the issue's "verdict shown". */
  painted: number;
  /** Navigation start to the verdict in the page (before layout and paint). */
  inserted: number;
  /** This script's clock: from asking Playwright to open the link to hearing the verdict painted. */
  wall: number;
}

async function verdictTimes(runs: number): Promise<VerdictTime[] | string> {
  if (!haveChromium) return 'chromium missing: not measured';
  const served = await serveForBrowser();
  try {
    const issued = await issue(served.ctx, readmeExample());
    const link = offlineQr(served.base, issued.id, issued.jwt).url;
    const { context, page } = await served.open({ lang: 'en' });
    await context.addInitScript(VERDICT_CLOCK);
    await page.goto(`${served.base}/verify`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 100 && !(await caches.match('/offline/kit.json')); i++) await new Promise((r) => setTimeout(r, 100));
    });
    await context.setOffline(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const once = async (p: Page): Promise<VerdictTime> => {
      await p.goto('about:blank');
      const painted = p.waitForEvent('console', { predicate: (m) => m.text() === PAINTED, timeout: 20_000 });
      const start = Date.now();
      await p.goto(link, { waitUntil: 'commit' });
      await painted;
      const wall = Date.now() - start;
      const clock = (await p.evaluate('window.__verdictClock')) as { inserted: number; painted: number };
      return { wall, inserted: Math.round(clock.inserted), painted: Math.round(clock.painted) };
    };
    await once(page); // warm: the first open starts the service worker from disk
    const times: VerdictTime[] = [];
    for (let i = 0; i < runs; i++) times.push(await once(page));
    await context.close();
    return times;
  } finally {
    await served.close();
  }
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!;
  return `median ${q(0.5)} ms, p90 ${q(0.9)} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms`;
}

const ctx = await makeTestApp({ publicUrl: PUBLIC_URL });
console.log('## Offline QR: payload sizes and QR versions (PUBLIC_URL https://certs.example.gov.kh)\n');
console.log((await sizes(ctx)).join('\n'));
const gz = gzipSync(OFFLINE_VERIFIER_JS, { level: 9 }).length;
console.log(`\n## Offline verifier JavaScript\n\n${Buffer.byteLength(OFFLINE_VERIFIER_JS).toLocaleString('en-US')} bytes minified (UTF-8), ${gz.toLocaleString('en-US')} bytes gzipped (budget 61,440)`);
const times = await verdictTimes(Number(process.env.RUNS ?? 15));
if (typeof times === 'string') console.log(`\n## Verdict time\n\n${times}`);
else {
  console.log(`\n## Verdict time, offline, Chromium 360 px, 4× CPU throttling (${times.length} runs after a warm-up; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  console.log(`- navigation start → verdict painted: ${spread(times.map((t) => t.painted))} (budget 1,000 ms)`);
  console.log(`- navigation start → verdict in the page: ${spread(times.map((t) => t.inserted))}`);
  console.log(`- this script's clock (goto → the page says it painted the verdict): ${spread(times.map((t) => t.wall))}`);
}
