import { learnerPageFor, verifyUrlFor } from '../issuer/issue.js';
import { OFFLINE_QR_MAX_VERSION, type OfflineQr } from '../issuer/qr-offline.js';

/** The links the API gives with a credential (the issue response and its status record). */
export function credentialLinks(publicUrl: string, id: string) {
  return {
    self: `${publicUrl}/credentials/${id}`,
    verify: verifyUrlFor(publicUrl, id),
    qrSvg: `${publicUrl}/credentials/${id}/qr.svg`,
    qrPng: `${publicUrl}/credentials/${id}/qr.png`,
    qrOfflineSvg: `${publicUrl}/credentials/${id}/qr-offline.svg`,
    qrOfflinePng: `${publicUrl}/credentials/${id}/qr-offline.png`,
    learnerPage: learnerPageFor(publicUrl, id),
    badgePng: `${publicUrl}/credentials/${id}/badge.png`,
    badgeSvg: `${publicUrl}/credentials/${id}/badge.svg`,
  };
}

/**
 * What the API says about a credential's offline QR: whether the whole credential fits
 * (version ≤ 22 at error correction M); when it does not, qr-offline.* is the link-only code.
 */
export function offlineQrView(qr: OfflineQr | null) {
  if (!qr) return { fits: false, version: null, maxVersion: OFFLINE_QR_MAX_VERSION, payloadDigits: null };
  return { fits: qr.fits, version: qr.version, maxVersion: OFFLINE_QR_MAX_VERSION, payloadDigits: qr.payloadDigits };
}
