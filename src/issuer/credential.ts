import { OB_V3_CONTEXT, KHMER_TERMS_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
import type { CryptoProvider } from '../crypto/provider.js';
import { randomBytes, toBase64url, toHex, utf8 } from '../crypto/encoding.js';
import type { IssueRequest } from '../schemas/issue-request.js';
import type { JsonObject } from '../schemas/credential.js';
import type { Institute } from '../store/port.js';

export interface BuildInput {
  request: IssueRequest;
  institute: Institute;
  /** The credential's URL: `PUBLIC_URL/credentials/<id>`. */
  credentialUrl: string;
  /** The URL at which the achievement definition is published. */
  achievementUrl: string;
  validFrom: string;
  /** BitstringStatusListEntry objects (revocation, suspension). */
  credentialStatus: JsonObject[];
  crypto: CryptoProvider;
}

/** OB 3.0 IdentityObject: `sha256$` + hex(SHA-256(value ‖ salt)), never the plain value. */
export async function hashedIdentity(value: string, identityType: string, crypto: CryptoProvider): Promise<JsonObject> {
  const salt = toBase64url(randomBytes(16));
  const digest = await crypto.sha256(utf8(value + salt));
  return { type: 'IdentityObject', identityHash: `sha256$${toHex(digest)}`, identityType, hashed: true, salt };
}

/** Drops undefined members so the JSON has no `"x": undefined` holes. */
function compact<T extends JsonObject>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function buildAchievement(request: IssueRequest, achievementUrl: string): JsonObject {
  const a = request.achievement;
  const alignment: JsonObject[] = (a.skills ?? []).map((s) =>
    compact({
      type: ['Alignment'],
      targetName: s.name,
      nameKm: s.nameKm,
      targetCode: s.code,
      targetType: 'ceasn:Competency',
      targetUrl: s.url ?? `${achievementUrl}#unit-${encodeURIComponent(s.code)}`,
    }),
  );
  if (a.level) {
    alignment.push({
      type: ['Alignment'],
      targetName: a.level,
      targetCode: a.level,
      targetType: 'ext:QualificationLevel',
      targetUrl: `${achievementUrl}#level`,
    });
  }
  return compact({
    id: achievementUrl,
    type: ['Achievement'],
    achievementType: a.type,
    name: a.name,
    nameKm: a.nameKm,
    description: a.description,
    descriptionKm: a.descriptionKm,
    criteria: { narrative: a.criteria },
    humanCode: a.code,
    fieldOfStudy: a.field,
    creditsAvailable: a.hours,
    alignment: alignment.length ? alignment : undefined,
  });
}

/**
 * Builds the unsecured Open Badges 3.0 credential (VC Data Model 2.0) for an issue request.
 * The learner is identified by salted hashes of their email, phone and national id when
 * given, otherwise by a random `urn:uuid` subject id.
 */
export async function buildCredential(input: BuildInput): Promise<JsonObject> {
  const { request, institute } = input;
  const { learner } = request;
  const identifiers = await Promise.all(
    [
      learner.email ? hashedIdentity(learner.email, 'emailAddress', input.crypto) : null,
      learner.phone ? hashedIdentity(learner.phone, 'ext:phoneNumber', input.crypto) : null,
      learner.nationalId ? hashedIdentity(learner.nationalId, 'nationalIdentityNumber', input.crypto) : null,
    ].filter((p): p is Promise<JsonObject> => p !== null),
  );
  const usesKhmer = Boolean(learner.nameKm || request.achievement.nameKm || request.achievement.descriptionKm ||
    institute.nameKm || request.achievement.skills?.some((s) => s.nameKm));
  return compact({
    '@context': usesKhmer ? [VC_V2_CONTEXT, OB_V3_CONTEXT, KHMER_TERMS_CONTEXT] : [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.credentialUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: compact({
      id: institute.did,
      type: ['Profile'],
      name: institute.name,
      nameKm: institute.nameKm ?? undefined,
      url: institute.url ?? undefined,
    }),
    name: request.achievement.name,
    validFrom: input.validFrom,
    validUntil: request.validUntil,
    credentialStatus: input.credentialStatus.length ? input.credentialStatus : undefined,
    credentialSubject: compact({
      id: identifiers.length ? undefined : `urn:uuid:${crypto.randomUUID()}`,
      type: ['AchievementSubject'],
      name: learner.name,
      nameKm: learner.nameKm,
      identifier: identifiers.length ? identifiers : undefined,
      achievement: buildAchievement(request, input.achievementUrl),
      result: request.result ? [{ type: ['Result'], value: request.result }] : undefined,
    }),
  });
}
