import { z } from 'zod';

export const InstituteSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  nameKm: z.string().nullable(),
  url: z.string().nullable(),
  did: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type Institute = z.infer<typeof InstituteSchema>;

export const ApiTokenSchema = z.object({
  id: z.string(),
  tokenHash: z.string(),
  role: z.enum(['admin', 'institute']),
  instituteId: z.string().nullable(),
  label: z.string(),
  source: z.enum(['env', 'generated', 'created']),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CredentialRecordSchema = z.object({
  id: z.string(),
  credentialUrl: z.string(),
  instituteId: z.string(),
  /** The Data Integrity secured credential, byte for byte as signed and served. */
  diJson: z.string(),
  /** The vc+jwt compact form, as signed. */
  jwt: z.string(),
  learnerName: z.string(),
  achievementName: z.string(),
  achievementKey: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
});
export type CredentialRecord = z.infer<typeof CredentialRecordSchema>;

export const AchievementRecordSchema = z.object({
  instituteId: z.string(),
  key: z.string(),
  json: z.string(),
  updatedAt: z.string(),
});
export type AchievementRecord = z.infer<typeof AchievementRecordSchema>;

/**
 * skillcert's storage, named after what the domain does with it. Every method is async so
 * that an embedded (better-sqlite3) and a remote (D1) backend fit the same port; adapters
 * parse rows with the schemas above so callers never see untyped data.
 */
export interface Store {
  createInstitute(institute: Institute): Promise<void>;
  updateInstitute(institute: Institute): Promise<void>;
  getDefaultInstitute(): Promise<Institute | null>;
  getInstituteBySlug(slug: string): Promise<Institute | null>;
  getInstitute(id: string): Promise<Institute | null>;
  getInstituteByDid(did: string): Promise<Institute | null>;

  saveApiToken(token: ApiToken): Promise<void>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** Revokes every unrevoked token of the given source and role (used to replace a bootstrap token). */
  revokeApiTokens(filter: { role: ApiToken['role']; source: ApiToken['source'] }, at: string): Promise<number>;

  /** Stores an issued credential and its achievement definition together, atomically. */
  saveIssuedCredential(credential: CredentialRecord, achievement: AchievementRecord): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | null>;
  getAchievement(instituteId: string, key: string): Promise<AchievementRecord | null>;

  close(): Promise<void>;
}
