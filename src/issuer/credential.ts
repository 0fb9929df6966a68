import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
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
  /** BitstringStatusListEntry objects: one (an array only for more). */
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

/** A text in Khmer, tagged so that a JSON-LD reader knows its language. */
const km = (value: string | undefined): JsonObject | undefined => (value ? { '@value': value, '@language': 'km' } : undefined);

/** Where the Khmer version of an achievement is published (its own OB Achievement). */
export const khmerAchievementUrl = (achievementUrl: string) => `${achievementUrl}/km`;
/** The badge image skillcert draws for an achievement (an SVG served beside it). */
export const achievementImageUrl = (achievementUrl: string) => `${achievementUrl}/image.svg`;

/**
 * The achievement in English, with its Khmer version named in `related` (OB 3.0: a
 * translated Achievement, `inLanguage` km, at its own URL). The Khmer name, description and
 * unit names are carried in the `Related` entry too, as language-tagged values, so the
 * credential alone holds them; Open Badges' own fields stay plain strings, and no context
 * beyond VC 2.0 and OB 3.0 is needed (Digital Bazaar's jcs suite refuses inline ones).
 */
function buildAchievement(request: IssueRequest, achievementUrl: string, image: string): JsonObject {
  const a = request.achievement;
  const skills = a.skills ?? [];
  const unitUrl = (s: (typeof skills)[number]) => s.url ?? `${achievementUrl}#unit-${encodeURIComponent(s.code)}`;
  const alignment: JsonObject[] = skills.map((s) => ({
    type: ['Alignment'], targetName: s.name, targetCode: s.code, targetType: 'ceasn:Competency', targetUrl: unitUrl(s),
  }));
  if (a.level) {
    alignment.push({
      type: ['Alignment'],
      targetName: a.level,
      targetCode: a.level,
      targetType: 'ext:QualificationLevel',
      targetUrl: `${achievementUrl}#level`,
    });
  }
  const khmerUnits = skills.filter((s) => s.nameKm).map((s) => ({
    type: ['Alignment'], targetName: km(s.nameKm) as JsonObject, targetCode: s.code, targetType: 'ceasn:Competency', targetUrl: unitUrl(s),
  }));
  const inKhmer = Boolean(a.nameKm || a.descriptionKm || khmerUnits.length);
  return compact({
    id: achievementUrl,
    type: ['Achievement'],
    achievementType: a.type,
    name: a.name,
    description: a.description,
    criteria: { narrative: a.criteria },
    image: { id: image, type: 'Image' },
    inLanguage: 'en',
    humanCode: a.code,
    fieldOfStudy: a.field,
    creditsAvailable: a.hours,
    alignment: alignment.length ? alignment : undefined,
    related: inKhmer
      ? [compact({
          id: khmerAchievementUrl(achievementUrl),
          type: ['Related'],
          inLanguage: 'km',
          name: km(a.nameKm),
          description: km(a.descriptionKm),
          alignment: khmerUnits.length ? khmerUnits : undefined,
        })]
      : undefined,
  });
}

/**
 * A name as an OB 3.0 identity of the type `name`, in plain text (`hashed: false`): how the
 * learner's (and the institute's) Khmer name is carried. Open Badges types every `name` as a
 * plain string and wallets show `credentialSubject.name` as one, so the Khmer name cannot go
 * beside it there; as an identity it is signed, schema-valid, and read by skillcert's pages.
 */
const nameIdentity = (name: string): JsonObject => ({ type: 'IdentityObject', identityHash: name, identityType: 'name', hashed: false });

/**
 * Builds the unsecured Open Badges 3.0 credential (VC Data Model 2.0) for an issue request.
 * The learner is identified by salted hashes of their email, phone and national id when
 * given, otherwise by a random `urn:uuid` subject id. Valid against 1EdTech's
 * AchievementCredential schema once secured (one `credentialStatus`, `proof` a set).
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
  const identity = [...identifiers, ...(learner.nameKm ? [nameIdentity(learner.nameKm)] : [])];
  const status = input.credentialStatus;
  return compact({
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.credentialUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: compact({
      id: institute.did,
      type: ['Profile'],
      name: institute.name,
      url: institute.url ?? undefined,
      image: institute.imageUrl ? { id: institute.imageUrl, type: 'Image' } : undefined,
      otherIdentifier: institute.nameKm ? [{ type: 'IdentifierEntry', identifier: institute.nameKm, identifierType: 'name' }] : undefined,
    }),
    name: request.achievement.name,
    validFrom: input.validFrom,
    validUntil: request.validUntil,
    credentialStatus: status.length === 0 ? undefined : status.length === 1 ? status[0] : status,
    credentialSubject: compact({
      id: identifiers.length ? undefined : `urn:uuid:${crypto.randomUUID()}`,
      type: ['AchievementSubject'],
      name: learner.name,
      identifier: identity.length ? identity : undefined,
      achievement: buildAchievement(request, input.achievementUrl, institute.imageUrl ?? achievementImageUrl(input.achievementUrl)),
      result: request.result ? [{ type: ['Result'], value: request.result }] : undefined,
    }),
  });
}
