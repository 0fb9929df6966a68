import { OB_BAKING_KEYWORD } from '../issuer/baking.js';
import { crcMatches, isPng, PngError, pngChunks } from '../issuer/png.js';
import { parseVerifyText, type ParsedVerifyInput } from './input.js';

/*
 * Reading the credential out of a baked badge (Open Badges 3.0, "Extracting"): the first
 * `openbadgecredential` iTXt chunk of a PNG, or the first `<openbadges:credential>` element of
 * an SVG. Uploads are hostile until shown otherwise: the work is linear in the upload (capped
 * by the body limit), PNG chunks are counted, a compressed credential chunk (which Open Badges
 * forbids, and which could be a zlib bomb) is refused, and an SVG with a DOCTYPE is refused
 * outright (entities: XXE, "billion laughs"); no XML parser ever sees the upload.
 */

export type BakedImage = 'png' | 'svg';

export type Extracted =
  | { ok: true; image: BakedImage; text: string }
  /** `malformed`: not a readable image; `none`: no credential in it; `refused`: a form not accepted. */
  | { ok: false; image: BakedImage; problem: 'malformed' | 'none' | 'refused'; message: string };

const MAX_PNG_CHUNKS = 10_000;
const SVG_START = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/;

/** What kind of image the bytes are, if either of the two that can be baked. */
export function bakedImageKind(bytes: Uint8Array): BakedImage | null {
  if (isPng(bytes)) return 'png';
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '');
  // An SVG with a DOCTYPE counts as one, to be refused as such (a clear answer, not "not an image").
  return SVG_START.test(head) || /^\s*(?:<\?xml[^>]*\?>\s*)?<!DOCTYPE\s+svg/i.test(head) ? 'svg' : null;
}

const fail = (image: BakedImage, problem: 'malformed' | 'none' | 'refused', message: string): Extracted => ({ ok: false, image, problem, message });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function extractFromPng(bytes: Uint8Array): Extracted {
  try {
    for (const chunk of pngChunks(bytes, MAX_PNG_CHUNKS)) {
      if (chunk.type !== 'iTXt') continue;
      const nul = chunk.data.indexOf(0);
      if (nul < 1 || nul > 79) continue; // not a keyword: not ours to read
      if (String.fromCharCode(...chunk.data.subarray(0, nul)) !== OB_BAKING_KEYWORD) continue;
      if (!crcMatches(bytes, chunk)) return fail('png', 'malformed', 'the openbadgecredential chunk is damaged (its CRC does not match)');
      const [compressed] = chunk.data.subarray(nul + 1, nul + 2);
      if (compressed !== 0) return fail('png', 'refused', 'the openbadgecredential chunk is compressed; Open Badges 3.0 forbids compression there');
      const languageEnd = chunk.data.indexOf(0, nul + 3);
      const keywordEnd = languageEnd < 0 ? -1 : chunk.data.indexOf(0, languageEnd + 1);
      if (keywordEnd < 0) return fail('png', 'malformed', 'the openbadgecredential chunk is not a valid iTXt chunk');
      return { ok: true, image: 'png', text: strictUtf8.decode(chunk.data.subarray(keywordEnd + 1)).trim() };
    }
    return fail('png', 'none', 'the PNG holds no Open Badges credential (no openbadgecredential iTXt chunk)');
  } catch (error) {
    if (error instanceof PngError) return fail('png', 'malformed', `the PNG cannot be read: ${error.message}`);
    if (error instanceof TypeError) return fail('png', 'malformed', 'the credential in the PNG is not UTF-8 text');
    throw error;
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character data: the five predefined entities and character references; any other entity is malformed. */
function decodeText(text: string): string | null {
  let bad = false;
  const out = text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]+);|&/g, (all, ref: string | undefined) => {
    if (!ref) return (bad = true), all;
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return (bad = true), all;
      return String.fromCodePoint(code);
    }
    return ENTITIES[ref] ?? ((bad = true), all);
  });
  return bad ? null : out;
}

const TAG = '<openbadges:credential';
const END_TAG = '</openbadges:credential';

/** The attributes of a start tag from `at` (just past its name) to its `>`, or null if it never closes. */
function startTag(svg: string, at: number): { attrs: Map<string, string>; selfClosing: boolean; end: number } | null {
  const attrs = new Map<string, string>();
  const re = /\s*(?:([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')|(\/?>))/y;
  re.lastIndex = at;
  for (;;) {
    const m = re.exec(svg);
    if (!m) return null;
    if (m[4]) return { attrs, selfClosing: m[4] === '/>', end: re.lastIndex };
    attrs.set(m[1] as string, m[2] ?? m[3] ?? '');
  }
}

/** Skips a comment, CDATA section or processing instruction starting at `at`: the index past it, -1 if unclosed, null if none starts there. */
function skipMarkup(svg: string, at: number): number | null {
  for (const [open, close] of [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']] as const) {
    if (!svg.startsWith(open, at)) continue;
    const end = svg.indexOf(close, at + open.length);
    return end < 0 ? -1 : end + close.length;
  }
  return null;
}

export function extractFromSvg(bytes: Uint8Array): Extracted {
  let svg: string;
  try {
    svg = strictUtf8.decode(bytes);
  } catch {
    return fail('svg', 'malformed', 'the SVG is not UTF-8 text');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) return fail('svg', 'refused', 'an SVG with a DOCTYPE or entity declarations is refused (it is never parsed)');
  // The first <openbadges:credential> outside comments, CDATA and processing instructions.
  let at = 0;
  let found = -1;
  while (found < 0) {
    const lt = svg.indexOf('<', at);
    if (lt < 0) return fail('svg', 'none', 'the SVG holds no Open Badges credential (no <openbadges:credential> element)');
    const skipped = skipMarkup(svg, lt);
    if (skipped === -1) return fail('svg', 'malformed', 'the SVG has an unclosed comment, CDATA section or processing instruction');
    if (skipped !== null) at = skipped;
    else if (svg.startsWith(TAG, lt) && /[\s/>]/.test(svg[lt + TAG.length] ?? '')) found = lt;
    else at = lt + 1;
  }
  const tag = startTag(svg, found + TAG.length);
  if (!tag) return fail('svg', 'malformed', 'the <openbadges:credential> tag is not well-formed');
  const verify = tag.attrs.get('verify');
  if (verify !== undefined) {
    const jwt = decodeText(verify);
    return jwt ? { ok: true, image: 'svg', text: jwt.trim() } : fail('svg', 'malformed', 'the verify attribute holds an unknown entity');
  }
  if (tag.selfClosing) return fail('svg', 'none', 'the <openbadges:credential> element is empty');
  // Its content: character data and CDATA sections, up to its end tag.
  const parts: string[] = [];
  for (let i = tag.end; ;) {
    const lt = svg.indexOf('<', i);
    if (lt < 0) return fail('svg', 'malformed', 'the <openbadges:credential> element is not closed');
    const text = decodeText(svg.slice(i, lt));
    if (text === null) return fail('svg', 'malformed', 'the credential element holds an unknown entity');
    parts.push(text);
    if (svg.startsWith(END_TAG, lt)) break;
    if (svg.startsWith('<![CDATA[', lt)) {
      const end = svg.indexOf(']]>', lt + 9);
      if (end < 0) return fail('svg', 'malformed', 'a CDATA section is not closed');
      parts.push(svg.slice(lt + 9, end));
      i = end + 3;
    } else if (svg.startsWith('<!--', lt)) {
      const end = svg.indexOf('-->', lt + 4);
      if (end < 0) return fail('svg', 'malformed', 'a comment is not closed');
      i = end + 3;
    } else {
      return fail('svg', 'malformed', 'the <openbadges:credential> element holds markup, not a credential');
    }
  }
  return { ok: true, image: 'svg', text: parts.join('').trim() };
}

/** The credential text baked into an image upload, or null when the bytes are neither PNG nor SVG. */
export function extractBaked(bytes: Uint8Array): Extracted | null {
  const kind = bakedImageKind(bytes);
  return kind === 'png' ? extractFromPng(bytes) : kind === 'svg' ? extractFromSvg(bytes) : null;
}

export type BakedFailure = Extract<Extracted, { ok: false }>;

/**
 * What a baked badge holds, ready to verify. Open Badges 3.0 bakes the credential itself (its
 * JSON, or its compact JWS): anything else inside, a link included, is not a credential.
 */
export function bakedInput(extracted: Extracted, publicUrl: string): { ok: true; parsed: ParsedVerifyInput } | BakedFailure {
  if (!extracted.ok) return extracted;
  const parsed = parseVerifyText(extracted.text, publicUrl);
  if (parsed.kind === 'verify') return { ok: true, parsed };
  const why = parsed.kind === 'unreadable' ? ` (${parsed.reason})` : '';
  return fail(extracted.image, 'malformed', `the badge holds neither credential JSON nor a JWT${why}`) as BakedFailure;
}
