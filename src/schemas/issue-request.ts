import { z } from 'zod';
import { dateInput } from './dates.js';
import { httpUrl, multiLine, singleLine } from './text.js';

/** Open Badges 3.0 AchievementType values (or an `ext:` extension). */
export const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award',
  'Badge', 'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService',
  'Competency', 'Course', 'CoCurricular', 'Degree', 'Diploma', 'DoctoralDegree', 'Fieldwork',
  'GeneralEducationDevelopment', 'JourneymanCertificate', 'LearningProgram', 'License', 'Membership',
  'ProfessionalDoctorate', 'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree',
  'MicroCredential', 'ResearchDoctorate', 'SecondarySchoolDiploma',
] as const;

const KHMER_DIGITS = /[\u17e0-\u17e9]/g;
const toAsciiDigits = (s: string) => s.replace(KHMER_DIGITS, (d) => String(d.charCodeAt(0) - 0x17e0));

/** A phone number, normalized to E.164; a Cambodian number may start with 0. */
export const phoneInput = z
  .string()
  .max(32)
  .transform((raw, ctx) => {
    let s = toAsciiDigits(raw).replace(/[\s().-]/g, '');
    if (s.startsWith('00')) s = `+${s.slice(2)}`;
    else if (s.startsWith('0')) s = `+855${s.slice(1)}`;
    if (!/^\+[1-9]\d{7,14}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'must be a phone number such as +855 12 345 678 or 012 345 678' });
      return z.NEVER;
    }
    return s;
  });

/** A national id or passport number: Khmer digits become ASCII, spaces and dashes go. */
export const nationalIdInput = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const s = toAsciiDigits(raw).replace(/[\s-]/g, '').toUpperCase();
    if (!/^[0-9A-Z]{6,20}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'must be 6 to 20 letters or digits (a Cambodian national id has 9 digits)' });
      return z.NEVER;
    }
    return s;
  });

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'must be letters, digits, dot, dash, underscore or slash');

export const SkillSchema = z.strictObject({
  code,
  name: singleLine(300),
  nameKm: singleLine(300).optional(),
  url: httpUrl.optional(),
});

export const LearnerSchema = z.strictObject({
  name: singleLine(200),
  nameKm: singleLine(200).optional(),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('must be an email address')).optional(),
  phone: phoneInput.optional(),
  nationalId: nationalIdInput.optional(),
});

export const AchievementInputSchema = z.strictObject({
  name: singleLine(300),
  nameKm: singleLine(300).optional(),
  description: multiLine(4000),
  descriptionKm: multiLine(4000).optional(),
  criteria: multiLine(4000),
  type: z.union([z.enum(ACHIEVEMENT_TYPES), z.string().regex(/^ext:[A-Za-z0-9._-]{1,60}$/)], {
    error: `must be an Open Badges achievement type (${ACHIEVEMENT_TYPES.slice(0, 4).join(', ')}, …) or ext:Name`,
  }).optional(),
  code: code.optional(),
  level: singleLine(100).optional(),
  field: singleLine(200).optional(),
  skills: z.array(SkillSchema).max(100, 'at most 100 skills').optional(),
  hours: z.number().finite().nonnegative('must not be negative').max(100000).optional(),
});

/** `POST /api/v1/credentials`. Unknown fields are refused so a typo never drops data. */
export const IssueRequestSchema = z
  .strictObject({
    learner: LearnerSchema,
    achievement: AchievementInputSchema,
    validFrom: dateInput.optional(),
    validUntil: dateInput.optional(),
    /** The learner's result or grade as the institute writes it ("Competent", "A", "85%"): an OB 3.0 Result. */
    result: singleLine(100).optional(),
  })
  .superRefine((req, ctx) => {
    if (req.validFrom && req.validUntil && Date.parse(req.validUntil) < Date.parse(req.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before validFrom' });
    }
  });

export type IssueRequest = z.infer<typeof IssueRequestSchema>;
export type LearnerInput = z.infer<typeof LearnerSchema>;
export type AchievementInput = z.infer<typeof AchievementInputSchema>;
