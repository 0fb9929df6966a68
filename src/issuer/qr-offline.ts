import QRCode from 'qrcode';
import { M } from 'qrcode/lib/core/error-correction-level.js';
import { MIXED } from 'qrcode/lib/core/mode.js';
import { getCapacity } from 'qrcode/lib/core/version.js';
import { encodeOfflinePayload, PAYLOAD_PREFIX } from '../offline/payload.js';
import { encodePalettePng } from './png.js';
import { verifyUrlFor } from './issue.js';

/*
 * The offline QR code: the verify link with the whole signed credential in its fragment,
 * `PUBLIC_URL/v/:id#SC1<digits>` (src/offline/payload.ts). The link and "SC1" go in a byte
 * segment, the digits in a numeric segment: any camera app reads the two as one link, and
 * the fragment never reaches a server.
 */

/** The largest version printed: at error correction M, 105 × 105 modules, legible at 35 mm. */
export const OFFLINE_QR_MAX_VERSION = 22;
const ERROR_CORRECTION = 'M' as const;
const MARGIN = 4;

export type QrSegments = Array<{ data: string; mode: 'byte' } | { data: string; mode: 'numeric' }>;

export interface OfflineQr {
  /** Whether the credential fits at version ≤ OFFLINE_QR_MAX_VERSION (else the link-only QR is printed). */
  fits: boolean;
  /** The version the offline code needs (above the maximum when it does not fit). */
  version: number;
  /** Decimal digits of the payload, and the whole link. */
  payloadDigits: number;
  url: string;
  /** What the printed QR encodes: the offline link when it fits, else the verify link alone. */
  segments: QrSegments;
}

/**
 * The smallest version (1–40, 41: none) whose data capacity at error correction M holds the
 * segments: mode and count bits, then 8 bits a byte, 10 bits per 3 digits (ISO/IEC 18004
 * §7.4). What QRCode.create picks, without drawing the symbol (8 masks scored: ~10× the cost),
 * so a results sheet of hundreds of rows stays cheap.
 */
export function versionFor(segments: QrSegments): number {
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  for (let v = 1; v <= 40; v++) {
    let bits = 0;
    for (const s of segments) {
      if (s.mode === 'byte') bits += 4 + (v < 10 ? 8 : 16) + 8 * bytes(s.data);
      else bits += 4 + (v < 10 ? 10 : v < 27 ? 12 : 14) + 10 * Math.floor(s.data.length / 3) + [0, 4, 7][s.data.length % 3]!;
    }
    if (bits <= getCapacity(v, M, MIXED)) return v;
  }
  return 41;
}

/** The offline QR of a credential from its vc+jwt; never throws for size (fits says). */
export function offlineQr(publicUrl: string, id: string, jwt: string): OfflineQr {
  const link = verifyUrlFor(publicUrl, id);
  const payload = encodeOfflinePayload(jwt);
  const digits = payload.slice(PAYLOAD_PREFIX.length);
  const offline: QrSegments = [{ data: `${link}#${PAYLOAD_PREFIX}`, mode: 'byte' }, { data: digits, mode: 'numeric' }];
  const version = versionFor(offline);
  const fits = version <= OFFLINE_QR_MAX_VERSION;
  return { fits, version, payloadDigits: digits.length, url: `${link}#${payload}`, segments: fits ? offline : [{ data: link, mode: 'byte' }] };
}

const encoder = new TextEncoder();
/** As qrcode's types want them: byte segments as bytes (UTF-8). */
const forQrcode = (segments: QrSegments): QRCode.QRCodeSegment[] =>
  segments.map((s) => (s.mode === 'byte' ? { mode: 'byte', data: encoder.encode(s.data) } : s));

/** The offline QR of a stored credential; null for one stored without a vc+jwt. */
export function offlineQrOf(publicUrl: string, record: { id: string; jwt: string | null }): OfflineQr | null {
  return record.jwt ? offlineQr(publicUrl, record.id, record.jwt) : null;
}

export function qrSegmentsSvg(segments: QrSegments): Promise<string> {
  return QRCode.toString(forQrcode(segments), { errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN, type: 'svg' });
}

/**
 * A PNG of the QR code, `scale` pixels a module (8: a version-22 code is 904 px, enough
 * for print), encoded portably (Web APIs only), so Node and Workers serve the same bytes.
 */
export async function qrSegmentsPng(segments: QrSegments, scale = 8): Promise<Uint8Array> {
  const code = QRCode.create(forQrcode(segments), { errorCorrectionLevel: ERROR_CORRECTION });
  const size = code.modules.size;
  const side = (size + 2 * MARGIN) * scale;
  const pixels = new Uint8Array(side * side); // palette 0 = white
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!code.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + MARGIN) * scale + dy) * side + (x + MARGIN) * scale;
        pixels.fill(1, row, row + scale);
      }
    }
  }
  return encodePalettePng(side, side, pixels, [[255, 255, 255], [0, 0, 0]]);
}
