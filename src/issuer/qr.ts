import QRCode from 'qrcode';

/*
 * QR codes of verify URLs. Error correction M survives a scuffed print; a 4-module quiet
 * zone is what the QR standard asks for and what cheap phone cameras need.
 */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...QR_OPTIONS, type: 'svg' });
}
