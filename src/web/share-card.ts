import QRCode from 'qrcode';
import type { CredentialSummary } from '../schemas/report.js';
import { formatDate } from './i18n.js';

/*
 * The picture a shared certificate link shows in Telegram, Facebook or LinkedIn: a small
 * certificate (institute, learner, achievement, date, in both languages) with the QR code
 * that verifies it. Built here as SVG, portable; the runtime that can turn it into PNG (the
 * format those previews take) does so at its edge (src/runtime/node/share-card-png.ts).
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const CARD_FONT = 'Noto Sans Khmer';

const xml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

// Khmer vowel signs, signs and the subscript marker stack on a base letter: they take no width of their own.
const KHMER_MARK = /[\u17b4-\u17d3\u17dd]/u;
const KHMER = /[\u1780-\u17ff]/u;

/** The width of a line of text in ems, estimated (Noto Sans: Latin about 0.56 em a letter, Khmer 0.7 a cluster). */
export function estimateEms(text: string): number {
  let ems = 0;
  let subscript = false;
  for (const ch of text) {
    if (subscript) {
      subscript = false; // the consonant after COENG is written below: no width
      continue;
    }
    if (ch === '\u17d2') subscript = true;
    else if (KHMER_MARK.test(ch)) continue;
    else if (KHMER.test(ch)) ems += 0.7;
    else if (ch === ' ') ems += 0.26;
    else if (/[A-Z0-9]/.test(ch)) ems += 0.64;
    else ems += 0.53;
  }
  return ems;
}

/** A line of text at the largest size up to `size` that fits `width`; shortened with … below `min`. */
function line(text: string, x: number, y: number, width: number, size: number, attrs: string, min = size * 0.55): string {
  let shown = text;
  let fitted = Math.min(size, width / Math.max(estimateEms(shown), 0.01));
  while (fitted < min && shown.length > 1) {
    shown = `${[...shown].slice(0, -2).join('').trimEnd()}…`;
    fitted = Math.min(size, width / Math.max(estimateEms(shown), 0.01));
  }
  return `<text x="${x}" y="${y}" font-size="${Math.max(min, Math.floor(fitted))}" ${attrs}>${xml(shown)}</text>`;
}

/**
 * Text at `size`, or in two lines at a smaller size when one would shrink too far (split at
 * the space nearest the middle); returns the markup and the baseline of its last line.
 */
function block(text: string, x: number, y: number, width: number, size: number, attrs: string): { svg: string; y: number } {
  if (width / estimateEms(text) >= size * 0.7 || !text.includes(' ')) return { svg: line(text, x, y, width, size, attrs, size * 0.45), y };
  const words = text.split(' ');
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const worst = (k: number) => Math.max(estimateEms(words.slice(0, k).join(' ')), estimateEms(words.slice(k).join(' ')));
    if (worst(i) < worst(best)) best = i;
  }
  const small = Math.min(size * 0.8, width / Math.max(estimateEms(words.slice(0, best).join(' ')), estimateEms(words.slice(best).join(' '))));
  const second = y + Math.round(small * 1.2);
  return {
    svg: line(words.slice(0, best).join(' '), x, y, width, small, attrs, size * 0.45) + line(words.slice(best).join(' '), x, second, width, small, attrs, size * 0.45),
    y: second,
  };
}

/** The QR code's dark modules as one path, in module units. */
function qrPath(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  let d = '';
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (data[r * size + c]) d += `M${c} ${r}h1v1h-1z`;
  }
  return { size, d };
}

export interface ShareCardInput {
  credential: CredentialSummary;
  verifyUrl: string;
}

/** The share card as an SVG document, 1200 × 630 (what link previews show best). */
export function shareCardSvg({ credential: c, verifyUrl }: ShareCardInput): string {
  const a = c.achievement;
  const left = 84;
  const textWidth = 640;
  const qr = qrPath(verifyUrl);
  const qrBox = 300;
  const qrX = CARD_WIDTH - 84 - qrBox;
  const qrY = 150;
  const module = qrBox / (qr.size + 8); // a 4-module quiet zone each side
  const font = `font-family="${CARD_FONT}"`;
  const parts: string[] = [];
  const institute = c.issuer.name ?? c.issuer.nameKm ?? c.issuer.id;
  const instituteAlt = c.issuer.name && c.issuer.nameKm ? c.issuer.nameKm : undefined;
  parts.push(line(institute, left, 118, textWidth, 34, `${font} font-weight="700" fill="#1d2733"`));
  if (instituteAlt) parts.push(line(instituteAlt, left, 162, textWidth, 26, `${font} fill="#3d4550"`));
  // Khmer is set in the regular weight, and never letter-spaced: both break its clusters.
  parts.push(`<text x="${left}" y="222" font-size="22" ${font} font-weight="700" fill="#7a5a00" letter-spacing="3">CERTIFICATE</text>`);
  parts.push(`<text x="${left + 196}" y="222" font-size="22" ${font} fill="#7a5a00">${xml('វិញ្ញាបនបត្រ')}</text>`);
  parts.push(`<rect x="${left}" y="240" width="120" height="4" fill="#c9a227"/>`);
  const learner = c.learner.name ?? c.learner.nameKm ?? '';
  const learnerAlt = c.learner.name && c.learner.nameKm ? c.learner.nameKm : undefined;
  const achievement = a?.name ?? a?.nameKm ?? c.name ?? '';
  const facts = [a?.level, a?.code].filter(Boolean).join(' · ');
  const date = c.validFrom ? `${formatDate(c.validFrom, 'en')} · ${formatDate(c.validFrom, 'km')}` : '';
  // Laid out top down; when long names take two lines and push past the frame, everything
  // below the rule is set smaller until it fits.
  const layout = (k: number): { svg: string; bottom: number } => {
    const out: string[] = [];
    const who = block(learner, left, 250 + Math.round(60 * k), textWidth, 58 * k, `${font} font-weight="${c.learner.name ? 700 : 400}" fill="#16191d"`);
    out.push(who.svg);
    let y = who.y;
    if (learnerAlt) out.push(line(learnerAlt, left, (y += Math.round(50 * k)), textWidth, 34 * k, `${font} fill="#16191d"`));
    const what = block(achievement, left, y + Math.round(62 * k), textWidth, 36 * k, `${font} font-weight="${a?.name ? 700 : 400}" fill="#0b3f7c"`);
    out.push(what.svg);
    y = what.y;
    if (a?.name && a.nameKm) out.push(line(a.nameKm, left, (y += Math.round(42 * k)), textWidth, 28 * k, `${font} fill="#0b3f7c"`));
    if (facts) out.push(line(facts, left, (y += Math.round(40 * k)), textWidth, 24 * k, `${font} fill="#49515c"`));
    if (date) out.push(line(date, left, (y += Math.round(42 * k)), textWidth, 24 * k, `${font} fill="#49515c"`));
    return { svg: out.join(''), bottom: y };
  };
  let k = 1;
  let body = layout(k);
  while (body.bottom > 560 && k > 0.6) body = layout((k -= 0.05));
  parts.push(body.svg);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#f6f1e3"/>`,
    `<rect x="28" y="28" width="${CARD_WIDTH - 56}" height="${CARD_HEIGHT - 56}" fill="#fff" stroke="#7a5a00" stroke-width="3"/>`,
    `<rect x="40" y="40" width="${CARD_WIDTH - 80}" height="${CARD_HEIGHT - 80}" fill="none" stroke="#c9a227" stroke-width="2"/>`,
    ...parts,
    `<rect x="${qrX}" y="${qrY}" width="${qrBox}" height="${qrBox}" fill="#fff"/>`,
    `<path transform="translate(${qrX + 4 * module} ${qrY + 4 * module}) scale(${module})" fill="#000" d="${qr.d}"/>`,
    `<text x="${qrX + qrBox / 2}" y="${qrY + qrBox + 40}" text-anchor="middle" font-size="24" ${font} font-weight="700" fill="#0b5a28">Scan to verify</text>`,
    `<text x="${qrX + qrBox / 2}" y="${qrY + qrBox + 76}" text-anchor="middle" font-size="24" ${font} fill="#0b5a28">${xml('ស្កេនដើម្បីផ្ទៀងផ្ទាត់')}</text>`,
    `<text x="${qrX + qrBox / 2}" y="${qrY - 24}" text-anchor="middle" font-size="20" ${font} fill="#49515c">skillcert</text>`,
    '</svg>',
  ].join('');
}
