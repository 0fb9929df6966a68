import QRCode from 'qrcode';

/*
 * QR codes of verify URLs. Error correction M survives a scuffed print; a 4-module quiet
 * zone is what the QR standard asks for and what cheap phone cameras need.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

/** PNG bytes, 8 pixels a module; Node only (the browser build of qrcode has no PNG encoder). */
export async function qrPng(text: string): Promise<Uint8Array> {
  const buffer = await QRCode.toBuffer(text, { ...OPTIONS, type: 'png', scale: 8 });
  return new Uint8Array(buffer);
}
