import { z } from 'zod';
import { AchievementInputSchema, SkillSchema, type AchievementInput } from './issue-request.js';

const fields = AchievementInputSchema.shape;

/** An achievement template's body: the programme defined once, issued many times. */
export const TemplateBodySchema = z.strictObject({
  code: fields.code.unwrap(),
  name: fields.name,
  nameKm: fields.nameKm,
  description: fields.description,
  descriptionKm: fields.descriptionKm,
  criteria: fields.criteria,
  type: fields.type,
  level: fields.level,
  field: fields.field,
  /** Competency units: code and name in English (and Khmer). */
  units: z.array(SkillSchema).max(100, 'at most 100 units').optional(),
  hours: fields.hours,
  /** Months from the completion date to validUntil; absent = no expiry. */
  validityMonths: z.number().int().positive().max(1200).optional(),
});
export type TemplateBody = z.infer<typeof TemplateBodySchema>;

/** A new version: the same body; a code, when given, must be the template's own. */
export const TemplateEditSchema = TemplateBodySchema.extend({ code: TemplateBodySchema.shape.code.optional() });

/** The achievement a template issues. */
export function achievementOf(t: TemplateBody): AchievementInput {
  const { units, validityMonths: _validity, ...rest } = t;
  return { ...rest, ...(units ? { skills: units } : {}) };
}

/** validUntil for a completion date (a dateTimeStamp): the same day `months` later, clamped to the month's end. */
export function addMonths(stamp: string, months: number): string {
  const d = new Date(stamp);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
