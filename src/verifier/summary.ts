import type { Credential, JsonObject } from '../schemas/credential.js';
import { issuerIdOf, typesOf, validityOf } from '../schemas/credential-helpers.js';
import type { CredentialSummary } from '../schemas/report.js';
import { khmerRelated, nameIdentities, nodesOf, shownKhmer, shownKhmerName, shownPair, shownText } from './claim-text.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 4000 ? v : undefined);
const obj = (v: unknown): JsonObject | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
/** The nodes a summary reads from: the issuer, the (first) subject, its (first) achievement. */
export function summaryNodes(credential: Credential): { issuer?: JsonObject; subject?: JsonObject; achievement?: JsonObject } {
  const subject = nodesOf(credential.credentialSubject)[0];
  return { issuer: obj(credential.issuer), subject, achievement: nodesOf(subject?.achievement)[0] };
}

/**
 * What a person needs to see of a credential, read defensively from any VC. Text claims are
 * read in every JSON-LD form (src/verifier/claim-text.ts). Khmer is read where skillcert
 * writes it (a `related` Khmer achievement, names as `name` identities) and where it wrote it
 * before migrations/0010 (`nameKm` terms of an inline context).
 */
export function summarize(credential: Credential): CredentialSummary {
  const nodes = summaryNodes(credential);
  const { issuer, achievement } = nodes;
  const subject = nodes.subject ?? {};
  const alignments = Array.isArray(achievement?.alignment) ? achievement.alignment.map(obj).filter((a) => a !== undefined) : [];
  const related = khmerRelated(achievement);
  const khmerUnits = new Map(related.flatMap((r) => nodesOf(r.alignment)).map((a) => [str(a.targetCode), shownKhmer([a.targetName])]));
  const skills = alignments
    .filter((a) => str(a.targetType) !== 'ext:QualificationLevel' && str(a.targetName))
    .slice(0, 200)
    .map((a) => ({
      code: str(a.targetCode), name: str(a.targetName) as string,
      nameKm: str(a.nameKm) ?? (str(a.targetCode) ? khmerUnits.get(str(a.targetCode)) : undefined), url: str(a.targetUrl),
    }));
  const level = alignments.find((a) => str(a.targetType) === 'ext:QualificationLevel');
  const issuerName = shownPair(issuer, 'name');
  const learner = shownPair(subject, 'name');
  const achievementName = shownPair(achievement, 'name');
  return {
    id: str(credential.id),
    name: shownPair(credential, 'name').text,
    issuer: {
      id: issuerIdOf(credential), name: issuerName.text, nameKm: issuerName.km ?? shownKhmerName(nameIdentities(issuer, 'otherIdentifier')), url: str(issuer?.url),
    },
    learner: { name: learner.text, nameKm: learner.km ?? shownKhmerName(nameIdentities(subject, 'identifier')) },
    achievement: achievement
      ? {
          name: achievementName.text,
          nameKm: achievementName.km ?? shownKhmer(related.map((r) => r.name)),
          description: shownPair(achievement, 'description').text,
          type: str(achievement.achievementType) ?? typesOf(achievement.type).find((t) => t !== 'Achievement'),
          code: str(achievement.humanCode),
          level: str(level?.targetName),
          field: str(achievement.fieldOfStudy),
          hours: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : undefined,
          skills,
        }
      : undefined,
    result: shownText(nodesOf(subject.result).map((r) => r.value))?.slice(0, 200),
    // VC 1.1 names them issuanceDate and expirationDate.
    validFrom: str(validityOf(credential).from),
    validUntil: str(validityOf(credential).until),
  };
}
