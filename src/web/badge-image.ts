import type { BadgeText } from '../issuer/achievement.js';
import { CARD_FONT, estimateEms } from './share-card.js';

/*
 * The badge skillcert draws for an achievement that has no image of its own: a round medal
 * with the achievement's name in English and Khmer, its level and code, and the institute.
 * It is the achievement's `image` (served beside the achievement) and the picture a baked
 * badge carries its credential in (src/issuer/baking.ts). SVG, so it is built the same on
 * Node and Workers; Node also renders it to PNG with resvg.
 */

export const BADGE_SIZE = 512;

export type { BadgeText };

const xml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Text centred at (x, y) at the largest size up to `size` that fits `width`, shortened with … below `min`. */
function centred(text: string, y: number, width: number, size: number, attrs: string, min = size * 0.6): string {
  let shown = text;
  let fitted = Math.min(size, width / Math.max(estimateEms(shown), 0.01));
  while (fitted < min && [...shown].length > 2) {
    shown = `${[...shown].slice(0, -2).join('').trimEnd()}…`;
    fitted = Math.min(size, width / Math.max(estimateEms(shown), 0.01));
  }
  return `<text x="${BADGE_SIZE / 2}" y="${y}" text-anchor="middle" font-size="${Math.floor(Math.max(min, fitted))}" ${attrs}>${xml(shown)}</text>`;
}

/** The name in one line, or two at a smaller size (split at the space nearest the middle). */
function nameLines(name: string, y: number, attrs: string): string {
  const width = 330;
  if (width / estimateEms(name) >= 34 || !name.includes(' ')) return centred(name, y, width, 44, attrs, 22);
  const words = name.split(' ');
  let best = 1;
  const worst = (k: number) => Math.max(estimateEms(words.slice(0, k).join(' ')), estimateEms(words.slice(k).join(' ')));
  for (let i = 1; i < words.length; i++) if (worst(i) < worst(best)) best = i;
  return centred(words.slice(0, best).join(' '), y - 20, width, 36, attrs, 20) + centred(words.slice(best).join(' '), y + 22, width, 36, attrs, 20);
}

/** The badge as an SVG document, 512 × 512. */
export function badgeSvg(t: BadgeText): string {
  const font = `font-family="${CARD_FONT}, sans-serif"`;
  const c = BADGE_SIZE / 2;
  const facts = [t.level, t.code].filter(Boolean).join(' · ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_SIZE}" height="${BADGE_SIZE}" viewBox="0 0 ${BADGE_SIZE} ${BADGE_SIZE}">`,
    `<circle cx="${c}" cy="${c}" r="250" fill="#0b3f7c"/>`,
    `<circle cx="${c}" cy="${c}" r="232" fill="none" stroke="#c9a227" stroke-width="6"/>`,
    `<circle cx="${c}" cy="${c}" r="214" fill="#fffdf6"/>`,
    `<path d="M${c - 22} 92l16 16 30-34" fill="none" stroke="#0b5a28" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/>`,
    t.issuer ? centred(t.issuer, 150, 300, 22, `${font} font-weight="700" fill="#1d2733"`, 13) : '',
    t.issuerKm ? centred(t.issuerKm, 180, 300, 18, `${font} fill="#3d4550"`, 12) : '',
    `<rect x="40" y="214" width="432" height="104" rx="10" fill="#0b3f7c"/>`,
    nameLines(t.name, 280, `${font} font-weight="700" fill="#ffffff"`),
    t.nameKm ? centred(t.nameKm, 360, 320, 28, `${font} fill="#0b3f7c"`, 16) : '',
    facts ? centred(facts, 402, 300, 22, `${font} fill="#49515c"`, 13) : '',
    `<text x="${c}" y="448" text-anchor="middle" font-size="16" ${font} fill="#7a5a00" letter-spacing="2">SKILLCERT</text>`,
    '</svg>',
  ].join('');
}
