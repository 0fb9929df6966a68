import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url } from '../../src/crypto/encoding.js';
import { didKeyFromPublicKey } from '../../src/crypto/multikey.js';
import { bitstringOf, encodeList } from '../../src/issuer/bitstring.js';
import { loadSigningKey } from '../../src/issuer/keys.js';
import { addDataIntegrityProof } from '../../src/issuer/secure.js';
import { COVERING_STATUS_MESSAGE } from '../../src/issuer/status-list.js';
import { nodeCryptoProvider } from '../../src/runtime/node/crypto.js';
import { OTHER_KEY } from '../helpers.js';
import { haveChromium, overflowsOf, serveForBrowser, type Served } from './harness.js';

/*
 * The verdict only another service's credential can get: its one status entry says a set bit
 * means "revoked or suspended" (as skillcert's own entries say), and that service's list has
 * it set. The banner must fit a 360 px phone in both languages, as every other verdict does.
 */

const LIST_URL = 'https://status.other-service.example/status/1';

describe.skipIf(!haveChromium)('REVOKED OR SUSPENDED in Chromium', () => {
  let served: Served;
  let pasted: string;

  beforeAll(async () => {
    const did = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
    const key = { ...(await loadSigningKey(OTHER_KEY, did, nodeCryptoProvider)), id: `${did}#${did.slice('did:key:'.length)}` };
    const list = await addDataIntegrityProof({
      '@context': ['https://www.w3.org/ns/credentials/v2'], id: LIST_URL, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: await encodeList(bitstringOf(131072, [7])) },
    }, key, '2026-01-01T00:00:00Z', nodeCryptoProvider);
    served = await serveForBrowser({ remoteFetch: async (url) => ({ url, contentType: 'application/vc', body: JSON.stringify(list) }) });
    pasted = JSON.stringify(await addDataIntegrityProof({
      '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:7d1c0c5e-2f4b-4c51-9a8e-0f6d2b1a3c44', type: ['VerifiableCredential'], issuer: did,
      validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: 'did:example:learner', name: 'Chan Sophea' },
      credentialStatus: { id: `${LIST_URL}#7`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: LIST_URL, statusMessage: COVERING_STATUS_MESSAGE },
    }, key, '2026-01-01T00:00:00Z', nodeCryptoProvider));
  }, 60_000);
  afterAll(() => served?.close());

  it('the banner reads REVOKED OR SUSPENDED and fits a 360 px phone and a desktop, in English and Khmer', async () => {
    const overflows: string[] = [];
    for (const lang of ['en', 'km'] as const) {
      for (const phone of [true, false]) {
        const { context, page } = await served.open({ lang, phone });
        await page.goto(`${served.base}/verify`);
        await page.fill('#text', pasted);
        await page.click('#verify-form button[type=submit]');
        await page.waitForURL(`${served.base}/verify`);
        expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('revoked-or-suspended');
        expect(await page.locator('.verdict .word').innerText()).toBe(lang === 'en' ? 'REVOKED OR SUSPENDED' : 'ត្រូវបានដកហូតឬផ្អាក');
        overflows.push(...(await overflowsOf(page, '.verdict')).map((o) => `${lang} ${phone ? '360' : 'desktop'}: ${o}`));
        await served.shot(page, `verdict-revoked-or-suspended-${lang}-${phone ? '360' : 'desktop'}`);
        await context.close();
      }
    }
    expect(overflows).toEqual([]);
  }, 60_000);
});
