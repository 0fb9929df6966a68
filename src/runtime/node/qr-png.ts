import QRCode from 'qrcode';
import { QR_OPTIONS } from '../../issuer/qr.js';

/** A QR code as PNG bytes, 8 pixels a module; Node only (the browser build of qrcode, which workerd gets, has no PNG encoder). */
export async function qrPng(text: string): Promise<Uint8Array> {
  const buffer = await QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', scale: 8 });
  return new Uint8Array(buffer);
}
