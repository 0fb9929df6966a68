import type { Credential, JsonObject } from '../schemas/credential.js';
import { issuerIdOf, typesOf } from '../schemas/credential.js';
import type { CredentialSummary } from '../schemas/report.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 4000 ? v : undefined);
const obj = (v: unknown): JsonObject | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** What a person needs to see of a credential, read defensively from any VC. */
export function summarize(credential: Credential): CredentialSummary {
  const issuer = obj(credential.issuer);
  const subject = obj(first(credential.credentialSubject)) ?? {};
  const achievement = obj(subject.achievement);
  const alignments = Array.isArray(achievement?.alignment) ? achievement.alignment.map(obj).filter((a) => a !== undefined) : [];
  const skills = alignments
    .filter((a) => str(a.targetType) !== 'ext:QualificationLevel' && str(a.targetName))
    .slice(0, 200)
    .map((a) => ({ code: str(a.targetCode), name: str(a.targetName) as string, nameKm: str(a.nameKm), url: str(a.targetUrl) }));
  const level = alignments.find((a) => str(a.targetType) === 'ext:QualificationLevel');
  return {
    id: str(credential.id),
    name: str(credential.name),
    issuer: { id: issuerIdOf(credential), name: str(issuer?.name), nameKm: str(issuer?.nameKm), url: str(issuer?.url) },
    learner: { name: str(subject.name), nameKm: str(subject.nameKm) },
    achievement: achievement
      ? {
          name: str(achievement.name),
          nameKm: str(achievement.nameKm),
          description: str(achievement.description),
          type: str(achievement.achievementType) ?? typesOf(achievement.type).find((t) => t !== 'Achievement'),
          code: str(achievement.humanCode),
          level: str(level?.targetName),
          field: str(achievement.fieldOfStudy),
          hours: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : undefined,
          skills,
        }
      : undefined,
    result: str(obj(first(subject.result))?.value)?.slice(0, 200),
    validFrom: str(credential.validFrom),
    validUntil: str(credential.validUntil),
  };
}
