import { issuerIdOf, typesOf, type Credential, type JsonObject } from '../schemas/credential.js';
import { khmerRelated, nameIdentities, nodesOf, pairTexts, textsOf, type Text } from './claim-text.js';
import { parseNquads, type Term, type Triple } from './nquads.js';
import { summaryNodes } from './summary.js';

/*
 * An eddsa-rdfc-2022 signature covers the credential's RDF graph, not its JSON: many JSON
 * documents have one canonical form. A genuine credential can be rewritten so that its
 * signature still holds while a reader of the JSON misses a signed claim: the learner's
 * name as a full IRI key ("https://schema.org/name") or under an alias an inline context
 * defines, or `credentialStatus` the same way, so that a revoked credential reads as one
 * without a status, or `validUntil` so that an expired one reads as never expiring.
 *
 * So for an RDFC-verified credential, everything the verifier relies on or shows is read
 * from the JSON as its checks and the report read it, and held to the signed graph: the same
 * credential id and issuer, the same dates, the same status entries, as many subjects, and
 * the same texts (names, descriptions, results) on the nodes the report shows. A claim in a
 * form the JSON readers do not see fails the format check: it is signed, but would not be
 * shown as signed. (JCS and vc+jwt sign the JSON itself, where no such rewrite exists.)
 */

const CRED = 'https://www.w3.org/2018/credentials#';
const STATUS = 'https://www.w3.org/ns/credentials/status#';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SCHEMA_NAME = 'https://schema.org/name';
const SCHEMA_DESCRIPTION = 'https://schema.org/description';
const SCHEMA_VALUE = 'https://schema.org/value';
const SCHEMA_IN_LANGUAGE = 'https://schema.org/inLanguage';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const I18N = 'https://www.w3.org/ns/i18n#';
const PURPOSES = ['revocation', 'suspension'];

/** A signed graph, indexed by subject. */
class Graph {
  private readonly bySubject = new Map<string, Triple[]>();
  constructor(triples: Triple[]) {
    for (const t of triples) {
      const key = t.subject.value;
      const list = this.bySubject.get(key);
      if (list) list.push(t);
      else this.bySubject.set(key, [t]);
    }
  }
  objects(subject: Term, predicate: string): Term[] {
    return (this.bySubject.get(subject.value) ?? []).filter((t) => t.predicate === predicate).map((t) => t.object);
  }
  subjectsOfType(type: string): Term[] {
    const found: Term[] = [];
    for (const triples of this.bySubject.values()) {
      const t = triples.find((x) => x.predicate === RDF_TYPE && x.object.value === type);
      if (t) found.push(t.subject);
    }
    return found;
  }
}

/** A literal as a Text: its language bucket as the JSON reader puts it. */
function textOfLiteral(term: Term): Text {
  if (term.kind !== 'literal') return { value: term.value, lang: '@' };
  if (term.language) return { value: term.value, lang: term.language.toLowerCase() };
  if (term.datatype?.startsWith(I18N)) return { value: term.value, lang: term.datatype.slice(I18N.length).split('_')[0]!.toLowerCase() };
  return { value: term.value, lang: !term.datatype || term.datatype === XSD_STRING ? '' : '^' };
}

const keys = (texts: Text[]): string => JSON.stringify([...new Set(texts.map((t) => `${t.lang}|${t.value}`))].sort());
const valuesOf = (terms: Term[]): string => JSON.stringify(terms.map((t) => t.value).sort());
const listed = (v: unknown): string => JSON.stringify(v === undefined ? [] : [v]);

/** The status entries as src/verifier/status.ts reads them, and as the graph holds them. */
function statusKeys(credential: Credential, graph: Graph, node: Term): [string, string] {
  const json = (credential.credentialStatus === undefined ? [] : ([] as unknown[]).concat(credential.credentialStatus)).map((raw) => {
    const e = (raw ?? {}) as JsonObject;
    if (!typesOf(e.type).includes('BitstringStatusListEntry')) return 'other';
    const str = (v: unknown) => (typeof v === 'string' ? [v] : []);
    return JSON.stringify([str(e.statusPurpose).filter((p) => PURPOSES.includes(p)), str(e.statusListIndex), str(e.statusListCredential)]);
  });
  const signed = graph.objects(node, `${CRED}credentialStatus`).map((entry) => {
    if (!graph.objects(entry, RDF_TYPE).some((t) => t.value === `${STATUS}BitstringStatusListEntry`)) return 'other';
    const values = (p: string) => graph.objects(entry, `${STATUS}${p}`).map((t) => t.value).sort();
    return JSON.stringify([values('statusPurpose').filter((p) => PURPOSES.includes(p)), values('statusListIndex'), values('statusListCredential')]);
  });
  return [JSON.stringify(json.sort()), JSON.stringify(signed.sort())];
}

/**
 * Why what the JSON says (as the checks and the report read it) differs from the signed
 * graph (canonical N-Quads of the credential without its proof), or null when it does not.
 */
export function signedClaimsProblem(credential: Credential, nquads: string): string | null {
  const graph = new Graph(parseNquads(nquads));
  const credentials = graph.subjectsOfType(`${CRED}VerifiableCredential`);
  if (credentials.length !== 1) return 'the signed data does not hold exactly one credential';
  const node = credentials[0]!;
  const subjects = graph.objects(node, `${CRED}credentialSubject`);
  const achievements = subjects.flatMap((s) => graph.objects(s, `${OB}achievement`));
  const { issuer, subject, achievement } = summaryNodes(credential);
  const issuerNodes = graph.objects(node, `${CRED}issuer`);
  const textsAt = (terms: Term[], predicate: string) => terms.flatMap((t) => graph.objects(t, predicate)).map(textOfLiteral);
  // The Khmer names (identities of type name) and the Khmer achievement (related, in km), as the summary reads them.
  const namesAt = (terms: Term[], member: string, typeKey: string, valueKey: string) => valuesOf(terms.flatMap((t) => graph.objects(t, `${OB}${member}`))
    .filter((n) => graph.objects(n, `${OB}${typeKey}`).some((v) => v.value === 'name'))
    .filter((n) => member !== 'identifier' || graph.objects(n, `${OB}hashed`).some((v) => v.value === 'false'))
    .flatMap((n) => graph.objects(n, `${OB}${valueKey}`)));
  const relatedKm = achievements.flatMap((a) => graph.objects(a, `${OB}related`))
    .filter((r) => graph.objects(r, SCHEMA_IN_LANGUAGE).some((l) => /^km(-|$)/i.test(l.value)));
  const relatedJson = khmerRelated(achievement);
  const plain = (texts: Text[]) => JSON.stringify([...new Set(texts.map((t) => t.value))].sort());
  const idOk = typeof credential.id === 'string' ? node.kind === 'iri' && node.value === credential.id : node.kind === 'blank';

  const comparisons: Array<[string, string, string]> = [
    ['id', JSON.stringify(idOk), 'true'],
    ['issuer', listed(issuerIdOf(credential)), valuesOf(issuerNodes)],
    ...(['validFrom', 'validUntil', 'issuanceDate', 'expirationDate'] as const).map((p): [string, string, string] =>
      [p, listed(credential[p]), valuesOf(graph.objects(node, `${CRED}${p}`))]),
    ['status entries', ...statusKeys(credential, graph, node)],
    ['subjects', String(nodesOf(credential.credentialSubject).length), String(subjects.length)],
    ['name', keys(pairTexts(credential, 'name')), keys(textsAt([node], SCHEMA_NAME))],
    ['issuer name', keys(pairTexts(issuer, 'name')), keys(textsAt(issuerNodes, SCHEMA_NAME))],
    ['learner name', keys(pairTexts(subject, 'name')), keys(textsAt(subjects, SCHEMA_NAME))],
    ['achievement name', keys(pairTexts(achievement, 'name')), keys(textsAt(achievements, SCHEMA_NAME))],
    ['achievement description', keys(pairTexts(achievement, 'description')), keys(textsAt(achievements, SCHEMA_DESCRIPTION))],
    ['learner name identity', JSON.stringify(nameIdentities(subject, 'identifier').sort()), namesAt(subjects, 'identifier', 'identityType', 'identityHash')],
    ['issuer name identity', JSON.stringify(nameIdentities(issuer, 'otherIdentifier').sort()), namesAt(issuerNodes, 'otherIdentifier', 'identifierType', 'identifier')],
    ['Khmer achievement', plain(relatedJson.flatMap((r) => [...textsOf(r.name), ...textsOf(r.description)])),
      plain([...textsAt(relatedKm, SCHEMA_NAME), ...textsAt(relatedKm, SCHEMA_DESCRIPTION)])],
    ['result', keys(nodesOf(subject?.result).flatMap((r) => textsOf(r.value))),
      keys(textsAt(subjects.flatMap((s) => graph.objects(s, `${OB}result`)), SCHEMA_VALUE))],
  ];
  const differs = comparisons.find(([, read, signed]) => read !== signed);
  return differs
    ? `the signed data holds a ${differs[0]} that the JSON does not state in a form this verifier reads (it would not be shown or checked as signed)`
    : null;
}
