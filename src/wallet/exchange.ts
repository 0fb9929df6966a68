import { randomId } from '../crypto/encoding.js';
import type { Services } from '../services.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { verifyPresentation } from '../verifier/presentation.js';
import { holderKeyFromDidUrl } from './holder-key.js';
import { deliver, EXCHANGE_SECONDS, findOffer, offerState, WalletError, whyClosed } from './offers.js';

/*
 * The VC-API exchange the Learner Credential Wallet speaks (DCC's workflow coordinator, VCALM
 * exchanges): POST /exchanges/:id answers a presentation request for DID authentication with
 * a challenge and a domain; POST /exchanges/:id/:txId takes the wallet's DID-auth presentation
 * and answers the credential, bound to that DID. The offer id in the URL is the secret: LCW
 * has no PIN step (see the README, "Add it to a wallet").
 */

export const interactionUrl = (publicUrl: string, offerId: string): string => `${publicUrl}/interactions/${offerId}`;
export const exchangeUrl = (publicUrl: string, offerId: string): string => `${publicUrl}/exchanges/${offerId}`;

/** The LCW deep link: `dccrequest://request?request=` + the request JSON naming the VC-API exchange. */
export function lcwDeepLink(publicUrl: string, offerId: string): string {
  const request = { credentialRequestOrigin: new URL(publicUrl).origin, protocols: { vcapi: exchangeUrl(publicUrl, offerId) } };
  return `dccrequest://request?request=${encodeURIComponent(JSON.stringify(request))}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step of the exchange: start it (no txId), or finish it with the wallet's presentation. */
export async function exchangeStep(s: Services, offerId: string, txId: string | null, body: Record<string, unknown>) {
  const offer = await findOffer(s.issuer, offerId);
  if (!offer) throw new WalletError('not_found', 'no such exchange');
  const now = s.clock();
  const at = toDateTimeStamp(now);
  const state = offerState(offer, at);
  if (state !== 'open') throw new WalletError('invalid_request', whyClosed(state));
  const institute = await s.store.getInstitute(offer.instituteId);
  if (!institute) throw new WalletError('not_found', 'no such exchange');
  const domain = new URL(s.publicUrl).origin;

  if (txId === null) {
    const tx = randomId();
    const challenge = randomId();
    const started = await s.store.startWalletExchange({
      idHash: offer.idHash, tx, challenge, expiresAt: toDateTimeStamp(new Date(now.getTime() + EXCHANGE_SECONDS * 1000)), at,
    });
    if (!started) throw new WalletError('invalid_request', 'this offer is no longer open');
    return {
      verifiablePresentationRequest: {
        query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }, { method: 'jwk' }], acceptedCryptosuites: [{ cryptosuite: 'eddsa-rdfc-2022' }, { cryptosuite: 'Ed25519Signature2020' }] }],
        challenge,
        domain,
        interact: { service: [{ type: 'UnmediatedPresentationService2021', serviceEndpoint: `${exchangeUrl(s.publicUrl, offerId)}/${tx}` }] },
      },
    };
  }

  if (!offer.exchangeTx || txId !== offer.exchangeTx || !offer.exchangeChallenge || !offer.exchangeExpiresAt || offer.exchangeExpiresAt <= at) {
    throw new WalletError('invalid_request', 'unknown or expired exchange transaction; start the exchange again');
  }
  const vp = body.verifiablePresentation;
  if (!isObject(vp)) throw new WalletError('invalid_request', 'send {"verifiablePresentation": …}, a DID authentication presentation');
  const holder = isObject(vp.holder) ? vp.holder.id : vp.holder;
  if (typeof holder !== 'string') throw new WalletError('invalid_request', 'the presentation must name its holder (a did:key or did:jwk)');
  const key = await holderKeyFromDidUrl(holder);
  if (typeof key === 'string') throw new WalletError('invalid_request', key);
  const report = await verifyPresentation(s.vcApiVerifier, vp, { challenge: offer.exchangeChallenge, domain, acceptVc11: true });
  if (!report.verified) {
    const failed = report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.message}`).join('; ');
    throw new WalletError('invalid_request', `the DID authentication did not verify (${failed || 'no proof'})`);
  }
  const { credential } = await deliver(s.issuer, {
    offer, institute, holderDid: key.did, format: 'ldp_vc', protocol: 'vc-api', via: { kind: 'exchange', idHash: offer.idHash, tx: txId },
  });
  return { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [credential] } };
}
