import type { JsonObject } from '../schemas/credential.js';

/*
 * Text claims (names, descriptions, a result's value) as JSON-LD lets a credential write
 * them. One signed name has many JSON forms with the same canonical (RDF) form: "Sok Dara",
 * {"@value": "Sok Dara"}, {"@value": "Sok Dara", "@type": "xsd:string"}, ["Sok Dara"],
 * [["Sok Dara"]]. A VC 2.0 name may also be a language value object, or a list of them (one
 * per language). This reader takes them all, so the report shows what is signed whichever
 * form the JSON uses; src/verifier/signed-claims.ts then holds what it read to the signed
 * graph itself, for the forms no JSON reader can see (IRIs as keys, aliases, node merging).
 */

/** One text: its value and its language bucket ('' none, 'km', 'en', …; '^' typed otherwise). */
export interface Text {
  value: string;
  lang: string;
}

const XSD_STRING = ['http://www.w3.org/2001/XMLSchema#string', 'xsd:string'];
const VALUE_KEYS = new Set(['@value', '@type', '@language', '@direction', '@index']);
/** Stands for a value this reader cannot read: it never equals a signed text, so a check fails. */
export const UNREADABLE: Text = Object.freeze({ value: '\u0000unreadable', lang: '?' });
const MAX_TEXTS = 50;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every text a member holds. `termLanguage` is the language the member's term gives plain
 * strings (skillcert's `nameKm` is defined with `@language: km`); a value object carries its own.
 */
export function textsOf(value: unknown, termLanguage = ''): Text[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ value, lang: termLanguage }];
  if (Array.isArray(value)) return value.slice(0, MAX_TEXTS).flatMap((v) => textsOf(v, termLanguage));
  if (isObject(value) && typeof value['@value'] === 'string' && Object.keys(value).every((k) => VALUE_KEYS.has(k))) {
    const language = value['@language'];
    const type = value['@type'];
    if (typeof language === 'string') return [{ value: value['@value'], lang: language.toLowerCase() }];
    if (type === undefined || (typeof type === 'string' && XSD_STRING.includes(type))) return [{ value: value['@value'], lang: '' }];
    return [{ value: value['@value'], lang: '^' }];
  }
  return [UNREADABLE];
}

/** The texts of a name-like pair of members: `base` (e.g. name) and its Khmer twin (nameKm). */
export const pairTexts = (node: JsonObject | undefined, base: string): Text[] =>
  node ? [...textsOf(node[base]), ...textsOf(node[`${base}Km`], 'km')] : [];

const MAX_SHOWN = 4000;
const shown = (texts: Text[]): string | undefined => {
  const values = [...new Set(texts.filter((t) => t !== UNREADABLE).map((t) => t.value))];
  const joined = values.join(' / ');
  return joined && joined.length <= MAX_SHOWN ? joined : undefined;
};

/**
 * What a report shows of a name-like pair: every text not in Khmer as the name (several are
 * joined, so none is hidden), the Khmer ones as its Khmer form.
 */
export function shownPair(node: JsonObject | undefined, base: string): { text?: string; km?: string } {
  const texts = pairTexts(node, base);
  return { text: shown(texts.filter((t) => t.lang !== 'km')), km: shown(texts.filter((t) => t.lang === 'km')) };
}

/** The Khmer ones among texts written in Khmer (a plain string there counts as Khmer), as shown. */
export const shownKhmer = (values: unknown[]): string | undefined =>
  shown(values.flatMap((v) => textsOf(v, 'km')).filter((t) => t.lang === 'km'));

const KHMER_SCRIPT = /[\u1780-\u17ff]/u;
const isKhmerLanguage = (lang: unknown): boolean => typeof lang === 'string' && /^km(-|$)/i.test(lang);

/**
 * Names carried as OB 3.0 identities of type `name` (an AchievementSubject's `identifier`,
 * `hashed: false`; a Profile's `otherIdentifier`): skillcert writes the learner's and the
 * institute's Khmer names so, as Open Badges has no language-tagged name a wallet shows.
 * Every such value, as signed (src/verifier/signed-claims.ts holds them to the graph).
 */
export function nameIdentities(node: JsonObject | undefined, member: 'identifier' | 'otherIdentifier'): string[] {
  const [typeKey, valueKey] = member === 'identifier' ? ['identityType', 'identityHash'] : ['identifierType', 'identifier'];
  return nodesOf(node?.[member])
    .filter((i) => i[typeKey] === 'name' && (member === 'otherIdentifier' || i.hashed === false))
    .flatMap((i) => textsOf(i[valueKey]).map((t) => t.value))
    .slice(0, MAX_TEXTS);
}

/** The name identities written in Khmer script, as shown. */
export const shownKhmerName = (names: string[]): string | undefined =>
  shown(names.filter((n) => KHMER_SCRIPT.test(n)).map((value) => ({ value, lang: 'km' })));

/** An achievement's Khmer versions, named in `related` (OB 3.0 translated achievements, `inLanguage` km). */
export const khmerRelated = (achievement: JsonObject | undefined): JsonObject[] =>
  nodesOf(achievement?.related).filter((r) => isKhmerLanguage(r.inLanguage)).slice(0, MAX_TEXTS);

/** A single-valued text as shown (every value joined). */
export const shownText = (value: unknown): string | undefined => shown(textsOf(value));

/** The members of a node that are objects, whether JSON wrote one or a list (the same to JSON-LD). */
export const nodesOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value : [value]).filter(isObject);
