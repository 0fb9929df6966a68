import type { JsonObject } from '../schemas/credential.js';
import { khmerRelated, nodesOf, shownKhmer } from '../verifier/claim-text.js';

/*
 * The Khmer version of a published achievement: the Open Badges Achievement its `related`
 * entry (`inLanguage` km) names, served at that entry's id. It is derived from the English
 * achievement as stored (whose Related entry carries the Khmer texts), so the two never
 * disagree and nothing more is stored.
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The Khmer Achievement (names as plain strings, as OB 3.0 types them), or null when there is none. */
export function khmerAchievement(english: JsonObject): JsonObject | null {
  const related = khmerRelated(english)[0];
  if (!related || typeof related.id !== 'string') return null;
  const units = new Map(nodesOf(related.alignment).map((a) => [str(a.targetCode), shownKhmer([a.targetName])]));
  const alignment = nodesOf(english.alignment).map((a) => ({ ...a, targetName: units.get(str(a.targetCode)) ?? a.targetName }));
  const entries = {
    '@context': english['@context'],
    id: related.id,
    type: ['Achievement'],
    achievementType: english.achievementType,
    name: shownKhmer([related.name]) ?? english.name,
    description: shownKhmer([related.description]) ?? english.description,
    criteria: english.criteria,
    image: english.image,
    inLanguage: 'km',
    humanCode: english.humanCode,
    fieldOfStudy: english.fieldOfStudy,
    creditsAvailable: english.creditsAvailable,
    alignment: alignment.length ? alignment : undefined,
    related: [{ id: english.id, type: ['Related'], inLanguage: str(english.inLanguage) ?? 'en' }],
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as JsonObject;
}

/** The words a badge picture shows (src/web/badge-image.ts draws them). */
export interface BadgeText {
  name: string;
  nameKm?: string;
  code?: string;
  level?: string;
  issuer?: string;
  issuerKm?: string;
}

/** What the badge image of an achievement shows. */
export function badgeTextOf(achievement: JsonObject, issuer: { name?: string; nameKm?: string | null }): BadgeText {
  const level = nodesOf(achievement.alignment).find((a) => a.targetType === 'ext:QualificationLevel');
  const related = khmerRelated(achievement);
  return {
    name: str(achievement.name) ?? '',
    nameKm: shownKhmer(related.map((r) => r.name)) ?? str(achievement.nameKm),
    code: str(achievement.humanCode),
    level: str(level?.targetName),
    issuer: issuer.name,
    issuerKm: issuer.nameKm ?? undefined,
  };
}
