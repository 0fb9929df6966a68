import { learnerPageFor, verifyUrlFor } from '../issuer/issue.js';

/** The links the API gives with a credential (the issue response and its status record). */
export function credentialLinks(publicUrl: string, id: string) {
  return {
    self: `${publicUrl}/credentials/${id}`,
    verify: verifyUrlFor(publicUrl, id),
    qrSvg: `${publicUrl}/credentials/${id}/qr.svg`,
    qrPng: `${publicUrl}/credentials/${id}/qr.png`,
    learnerPage: learnerPageFor(publicUrl, id),
    badgePng: `${publicUrl}/credentials/${id}/badge.png`,
    badgeSvg: `${publicUrl}/credentials/${id}/badge.svg`,
  };
}
