import type { Credential } from '../schemas/credential.js';
import { summarize } from '../verifier/summary.js';

/** What a credential certifies, for grouping: its achievement's Khmer name, CQF level and type. */
export interface ReportingFields {
  nameKm: string | null;
  level: string | null;
  type: string | null;
}

/** Read from the signed document, as a verifier reads it (src/verifier/summary.ts). */
export function reportingFields(diJson: string): ReportingFields {
  try {
    const achievement = summarize(JSON.parse(diJson) as Credential).achievement;
    return { nameKm: achievement?.nameKm ?? null, level: achievement?.level ?? null, type: achievement?.type ?? null };
  } catch {
    return { nameKm: null, level: null, type: null };
  }
}
