import { constantTimeEqual, randomBytes, randomId, toBase58, toHex, utf8 } from '../crypto/encoding.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { JsonObject } from '../schemas/credential.js';
import { addEd25519Signature2020Proof, withEd25519Signature2020Context } from '../issuer/compat-proofs.js';
import { isOpenBadge, signingKeyOf, type IssuerDeps } from '../issuer/issue.js';
import { issuingRefusal } from '../issuer/may-issue.js';
import { addDataIntegrityProof, signVcJwt } from '../issuer/secure.js';
import {
  compatibilityOf, WALLET_OFFER_PIN_TRIES, type CredentialRecord, type DeliveryProtocol, type Institute, type OfferRedemption, type WalletOfferRecord,
} from '../store/port.js';

/*
 * Wallet offers: the rules of putting one learner's credential into one wallet, once, bound
 * to the wallet's DID. The HTTP routes (src/http/wallet-routes.ts) only carry these in and
 * out; the protocols (OpenID4VCI, the VC-API exchange) are in their own modules beside this.
 */

export const DEFAULT_OFFER_DAYS = 30;
export const MAX_OFFER_DAYS = 365;
/** Digits of the PIN (OpenID4VCI tx_code): what a learner types from a printed sheet. */
export const PIN_DIGITS = 6;
/** An access token lives this long: enough for a wallet to ask for its credential, not to keep it. */
export const TOKEN_SECONDS = 600;
/** A proof nonce lives this long. */
export const NONCE_SECONDS = 300;
/** How far a proof's `iat` may be from now (either way): a proof made long ago is a replay risk. */
export const PROOF_IAT_SECONDS = 300;
/** A VC-API exchange's challenge lives this long. */
export const EXCHANGE_SECONDS = 900;

/** OAuth-style error codes (RFC 6749 §5.2, OpenID4VCI §8.3.1) the wallet endpoints answer with. */
export type WalletErrorCode =
  | 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_token' | 'invalid_credential_request'
  | 'unsupported_credential_format' | 'unknown_credential_configuration' | 'invalid_proof' | 'invalid_nonce' | 'not_found';

/** A refusal on a wallet endpoint, as its protocol words it. */
export class WalletError extends Error {
  constructor(
    readonly code: WalletErrorCode,
    message: string,
    readonly status: 400 | 401 | 404 = code === 'invalid_token' ? 401 : code === 'not_found' ? 404 : 400,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** A refusal to make an offer (the API's 409 / 422). */
export class OfferRefused extends Error {
  constructor(
    readonly code: 'conflict' | 'unprocessable' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

export const sha256Hex = async (deps: Pick<IssuerDeps, 'crypto'>, text: string): Promise<string> => toHex(await deps.crypto.sha256(utf8(text)));
const pinHash = (deps: Pick<IssuerDeps, 'crypto'>, salt: string, pin: string) => sha256Hex(deps, `${salt}:${pin}`);

/** A uniformly drawn PIN of PIN_DIGITS digits (rejection sampling: no digit is likelier than another). */
export function randomPin(): string {
  let pin = '';
  while (pin.length < PIN_DIGITS) {
    for (const b of randomBytes(16)) if (b < 250 && pin.length < PIN_DIGITS) pin += String(b % 10);
  }
  return pin;
}

const addSeconds = (at: Date, seconds: number) => toDateTimeStamp(new Date(at.getTime() + seconds * 1000));

/** Where an offer is in its life, at `now`. */
export type OfferState = 'open' | 'redeemed' | 'delivered' | 'revoked' | 'void' | 'expired';

export function offerState(o: WalletOfferRecord, now: string): OfferState {
  if (o.deliveredAt) return 'delivered';
  if (o.revokedAt) return 'revoked';
  if (o.pinTries >= WALLET_OFFER_PIN_TRIES && !o.tokenHash) return 'void';
  if (o.expiresAt <= now) return 'expired';
  return o.tokenHash ? 'redeemed' : 'open';
}

const STATE_TEXT: Record<Exclude<OfferState, 'open'>, string> = {
  redeemed: 'this offer was already used by a wallet',
  delivered: 'this offer has already delivered its credential to a wallet',
  revoked: 'this offer was withdrawn by the institute',
  void: `this offer is void: its PIN was entered wrongly ${WALLET_OFFER_PIN_TRIES} times; ask the institute for a new offer`,
  expired: 'this offer has expired; ask the institute for a new offer',
};
/** Why an offer cannot be used now (for an error description). */
export const whyClosed = (state: OfferState): string => (state === 'open' ? 'this offer is open' : STATE_TEXT[state]);

/** What making an offer gives back: its secret id and its PIN, shown once and never stored in the clear. */
export interface CreatedOffer {
  offerId: string;
  ref: string;
  txCode: string;
  expiresAt: string;
}

/**
 * Makes an offer of a credential for its learner's wallet: one learner, single use, expiring,
 * with a PIN. An earlier offer of the credential not yet delivered is revoked with it. A
 * revoked or suspended credential is not offered (the wallet would receive it as such).
 */
export async function createOffer(
  deps: IssuerDeps,
  input: { credential: CredentialRecord; institute: Institute; actor: string; days: number },
): Promise<CreatedOffer> {
  const { credential, institute } = input;
  if (credential.revokedAt) throw new OfferRefused('conflict', 'this credential is revoked: it cannot be offered to a wallet');
  if (credential.suspendedAt) throw new OfferRefused('conflict', 'this credential is suspended: reinstate it before offering it to a wallet');
  if (!isOpenBadge(JSON.parse(credential.diJson) as JsonObject)) {
    throw new OfferRefused('unprocessable', 'only the Open Badges credentials this service issues can be offered to a wallet');
  }
  const refusal = await issuingRefusal(deps.store, institute, deps.clock());
  if (refusal) throw new OfferRefused('forbidden', `${refusal}: a wallet offer signs the credential again for the wallet`);
  const now = deps.clock();
  const at = toDateTimeStamp(now);
  const offerId = randomId();
  const ref = `wo_${toBase58(randomBytes(8))}`;
  const txCode = randomPin();
  const salt = toBase58(randomBytes(16));
  const expiresAt = addSeconds(now, input.days * 86_400);
  await deps.store.createWalletOffer({
    idHash: await sha256Hex(deps, offerId), ref, credentialId: credential.id, instituteId: credential.instituteId, createdAt: at,
    createdBy: input.actor, expiresAt, txCodeSalt: salt, txCodeHash: await pinHash(deps, salt, txCode), pinTries: 0, tokenHash: null,
    tokenExpiresAt: null, redeemedAt: null, exchangeTx: null, exchangeChallenge: null, exchangeExpiresAt: null, deliveredAt: null, revokedAt: null,
  }, {
    at, actor: input.actor, instituteId: credential.instituteId, action: 'wallet-offer.create', target: credential.credentialUrl,
    details: { offer: ref, expiresAt },
  });
  return { offerId, ref, txCode, expiresAt };
}

/** The offer an id names, if it is of this institute; null otherwise (unknown and another's alike). */
export async function findOffer(deps: IssuerDeps, offerId: string, institute?: Institute): Promise<WalletOfferRecord | null> {
  if (!/^[1-9A-HJ-NP-Za-km-z]{16,32}$/.test(offerId)) return null;
  const offer = await deps.store.getWalletOffer(await sha256Hex(deps, offerId));
  return offer && (!institute || offer.instituteId === institute.id) ? offer : null;
}

/**
 * The pre-authorized code grant: the code is the offer id, the PIN its tx_code. A PIN try is
 * taken before the PIN is compared (so 5 tries, however many arrive at once); a right PIN gives
 * the offer its one access token. Refusals are `invalid_grant`, each saying why.
 */
export async function redeemPreAuthorizedCode(
  deps: IssuerDeps,
  input: { institute: Institute; code: string; txCode: string | undefined },
): Promise<{ accessToken: string; expiresIn: number }> {
  const offer = await findOffer(deps, input.code, input.institute);
  if (!offer) throw new WalletError('invalid_grant', 'unknown pre-authorized code');
  const now = deps.clock();
  const at = toDateTimeStamp(now);
  const state = offerState(offer, at);
  if (state !== 'open') throw new WalletError('invalid_grant', whyClosed(state));
  if (input.txCode === undefined) throw new WalletError('invalid_request', 'this offer needs its tx_code (the PIN given with it)');
  if (!(await deps.store.takeWalletOfferPinTry(offer.idHash, at))) {
    const again = await deps.store.getWalletOffer(offer.idHash);
    throw new WalletError('invalid_grant', whyClosed(again ? offerState(again, at) : 'revoked'));
  }
  const right = constantTimeEqual(utf8(await pinHash(deps, offer.txCodeSalt, input.txCode)), utf8(offer.txCodeHash));
  if (!right) {
    const left = WALLET_OFFER_PIN_TRIES - (offer.pinTries + 1);
    const again = await deps.store.getWalletOffer(offer.idHash);
    const remaining = again ? Math.max(0, WALLET_OFFER_PIN_TRIES - again.pinTries) : Math.max(0, left);
    throw new WalletError('invalid_grant', remaining > 0
      ? `wrong tx_code (PIN); ${remaining} ${remaining === 1 ? 'try' : 'tries'} left`
      : `wrong tx_code (PIN); ${whyClosed('void')}`);
  }
  const accessToken = `at_${toBase58(randomBytes(32))}`;
  const redeemed = await deps.store.redeemWalletOffer(
    { idHash: offer.idHash, tokenHash: await sha256Hex(deps, accessToken), tokenExpiresAt: addSeconds(now, TOKEN_SECONDS), at },
    { at, actor: `wallet-offer:${offer.ref}`, instituteId: offer.instituteId, action: 'wallet-offer.redeem', target: offer.ref, details: { protocol: 'openid4vci' } },
  );
  if (!redeemed) throw new WalletError('invalid_grant', whyClosed('redeemed'));
  return { accessToken, expiresIn: TOKEN_SECONDS };
}

/** A fresh proof nonce, taken once by the credential endpoint. */
export async function issueNonce(deps: IssuerDeps): Promise<{ nonce: string; expiresIn: number }> {
  const nonce = `n_${toBase58(randomBytes(24))}`;
  await deps.store.saveWalletNonce(nonce, addSeconds(deps.clock(), NONCE_SECONDS));
  return { nonce, expiresIn: NONCE_SECONDS };
}

/** Uses a proof nonce once; false when unknown, used or expired. */
export const takeNonce = (deps: IssuerDeps, nonce: string): Promise<boolean> => deps.store.takeWalletNonce(nonce, toDateTimeStamp(deps.clock()));

/** The offer an access token was given to, while the token is valid and the offer undelivered. */
export async function offerOfToken(deps: IssuerDeps, institute: Institute, accessToken: string): Promise<WalletOfferRecord> {
  const offer = /^at_[1-9A-HJ-NP-Za-km-z]{30,60}$/.test(accessToken) ? await deps.store.getWalletOfferByToken(await sha256Hex(deps, accessToken)) : null;
  const at = toDateTimeStamp(deps.clock());
  if (!offer || offer.instituteId !== institute.id || !offer.tokenExpiresAt || offer.tokenExpiresAt <= at) {
    throw new WalletError('invalid_token', 'the access token is unknown or has expired');
  }
  const state = offerState(offer, at);
  if (state !== 'redeemed') throw new WalletError('invalid_token', whyClosed(state));
  return offer;
}

/** The two forms a wallet may receive. */
export type DeliveryFormat = 'ldp_vc' | 'jwt_vc_json';

/**
 * Delivers the offer's credential to the wallet whose DID proved possession of its key: the
 * original, with its own new `id`, `credentialSubject.id` = the holder's DID and the SAME
 * status entry (revoking the original revokes this one), signed by the institute as any
 * credential it issues (its cryptosuite and compatibility proof), stored byte for byte with
 * an audit entry naming the original, in the same compare-and-set that closes the offer:
 * two redemptions at once deliver once.
 */
export async function deliver(
  deps: IssuerDeps,
  input: { offer: WalletOfferRecord; institute: Institute; holderDid: string; format: DeliveryFormat; protocol: DeliveryProtocol; via: OfferRedemption },
): Promise<{ credential: JsonObject | string; vcId: string }> {
  const { offer, institute } = input;
  const original = await deps.store.getCredential(offer.credentialId);
  if (!original) throw new WalletError('invalid_grant', 'the credential of this offer no longer exists');
  if (original.revokedAt) throw new WalletError('invalid_credential_request', 'this credential has been revoked');
  if (original.suspendedAt) throw new WalletError('invalid_credential_request', 'this credential is suspended');
  const refusal = await issuingRefusal(deps.store, institute, deps.clock());
  if (refusal) throw new WalletError('invalid_credential_request', refusal);

  const now = toDateTimeStamp(deps.clock());
  const { proof: _proof, ...stored } = JSON.parse(original.diJson) as JsonObject;
  const vcId = `urn:uuid:${crypto.randomUUID()}`;
  const subject = stored.credentialSubject as JsonObject;
  const bound: JsonObject = { ...stored, id: vcId, credentialSubject: { ...subject, id: input.holderDid } };
  const compatibility = compatibilityOf(institute);
  const unsecured = compatibility.ed25519Signature2020 ? withEd25519Signature2020Context(bound) : bound;
  const key = await signingKeyOf(deps, original.issuerDid);
  let credential: JsonObject | string;
  if (input.format === 'jwt_vc_json') {
    credential = await signVcJwt(unsecured, key);
  } else {
    const di = await addDataIntegrityProof(unsecured, key, now, deps.crypto, { cryptosuite: institute.cryptosuite });
    credential = compatibility.ed25519Signature2020 ? await addEd25519Signature2020Proof(di, key, now, deps.crypto) : { ...di, proof: [di.proof] };
  }
  const body = typeof credential === 'string' ? credential : JSON.stringify(credential);
  const delivered = await deps.store.deliverCredential({
    id: randomId(), vcId, credentialId: original.id, offerRef: offer.ref, instituteId: offer.instituteId, holderDid: input.holderDid,
    protocol: input.protocol, format: input.format, body, deliveredAt: now,
  }, input.via, {
    at: now, actor: `wallet-offer:${offer.ref}`, instituteId: offer.instituteId, action: 'credential.deliver', target: original.credentialUrl,
    details: { offer: offer.ref, credentialId: vcId, holder: input.holderDid, protocol: input.protocol, format: input.format },
  });
  if (!delivered) throw new WalletError('invalid_credential_request', whyClosed('delivered'));
  return { credential: typeof credential === 'string' ? credential : (JSON.parse(body) as JsonObject), vcId };
}
