import { parseBoundedJson } from '../schemas/json-bounds.js';
import type { VerifyInput } from './verify.js';
import { decodeOfflinePayload, offlinePayloadIn, PayloadError } from '../offline/payload.js';

export type ParsedVerifyInput =
  | { kind: 'verify'; input: VerifyInput }
  | { kind: 'local'; id: string }
  | { kind: 'foreign-url'; url: string }
  | { kind: 'unreadable'; reason: string };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPED_ID = /^data:application\/(?:vc\+jwt|vc\+ld\+jwt|jwt),([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const ID_SHAPE = /^[1-9A-HJ-NP-Za-km-z]{10,40}$/;
const LOCAL_PATHS = ['/v/', '/credentials/', '/c/'];

/**
 * Reads whatever a QR scanner or a paste gave: a verify link, a JWT, or credential JSON.
 * Links to this service become local look-ups; other links are not fetched.
 */
export function parseVerifyText(text: string, publicUrl: string): ParsedVerifyInput {
  const t = text.trim();
  // An offline QR (a verify link with the whole credential in its fragment, or the payload
  // alone): what is in hand is verified, wherever the link points.
  const payload = offlinePayloadIn(t);
  if (payload !== null) {
    try {
      return { kind: 'verify', input: { kind: 'jwt', jwt: decodeOfflinePayload(payload) } };
    } catch (error) {
      if (error instanceof PayloadError) return { kind: 'unreadable', reason: `the offline payload cannot be read: ${error.message}` };
      throw error;
    }
  }
  if (t.startsWith('{')) {
    const json = parseBoundedJson(t);
    if (json.ok) return { kind: 'verify', input: { kind: 'credential', credential: json.value } };
    return { kind: 'unreadable', reason: json.problem === 'too-deep' ? json.message : 'the text starts like JSON but is not valid JSON' };
  }
  if (JWT_SHAPE.test(t)) return { kind: 'verify', input: { kind: 'jwt', jwt: t } };
  // The id of an EnvelopedVerifiableCredential, pasted on its own.
  const enveloped = ENVELOPED_ID.exec(t);
  if (enveloped) return { kind: 'verify', input: { kind: 'jwt', jwt: enveloped[1] as string } };
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return { kind: 'unreadable', reason: 'expected a verify link, a JWT or credential JSON' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'unreadable', reason: 'only http(s) links can be verified' };
  const base = new URL(publicUrl);
  if (url.origin === base.origin) {
    const basePath = base.pathname.replace(/\/+$/, '');
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    for (const prefix of LOCAL_PATHS) {
      if (path.startsWith(prefix)) {
        const id = path.slice(prefix.length).split('/')[0] ?? '';
        if (ID_SHAPE.test(id)) return { kind: 'local', id };
      }
    }
    return { kind: 'unreadable', reason: 'this link on this service is not a credential link' };
  }
  return { kind: 'foreign-url', url: url.href };
}

export const isCredentialId = (id: string): boolean => ID_SHAPE.test(id);
