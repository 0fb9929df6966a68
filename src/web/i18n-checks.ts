import type { Check, CheckCode, CheckId } from '../schemas/report.js';

/*
 * "How this was checked" in English, for a reader who has never heard of a DID: one plain
 * sentence per check and outcome. The Khmer ones are in i18n-km.ts (the Messages type keeps
 * the two in step).
 */

/** Each check's outcome in plain words, for a reader who has never heard of a DID. */
export const CHECK_OUTCOME_EN: Record<CheckId, Record<Check['status'], string>> = {
  format: {
    passed: 'It is a certificate in the standard format, which this service can read.',
    failed: 'This is not a certificate this service can read, or parts of it are missing.',
    skipped: 'Its format was not checked.',
  },
  found: {
    passed: 'This service issued a certificate with this link.',
    failed: 'This service never issued a certificate with this link.',
    skipped: 'Whether this service issued it was not checked.',
  },
  issuer: {
    passed: 'The institute that signed it is known.',
    failed: 'The key it was signed with is not a key of the institute it names.',
    skipped: 'The institute that signed it could not be looked up from this service.',
  },
  holder: {
    passed: 'The person presenting it proved that it is theirs.',
    failed: 'The person presenting it did not prove that it is theirs.',
    skipped: 'Whether it belongs to the person presenting it was not checked.',
  },
  proof: {
    passed: 'The digital signature matches: nothing was changed since the institute signed it.',
    failed: 'The digital signature could not be confirmed: it was changed after signing, or not signed by the institute it names.',
    skipped: 'The digital signature could not be checked.',
  },
  validity: {
    passed: 'It is within its validity dates.',
    failed: 'It is outside its validity dates.',
    skipped: 'Its validity dates were not checked.',
  },
  revocation: {
    passed: 'The institute has not withdrawn it.',
    failed: 'Whether the institute withdrew it could not be checked right now.',
    skipped: 'Whether the institute withdrew it was not checked.',
  },
  suspension: {
    passed: 'The institute has not suspended it.',
    failed: 'Whether the institute suspended it could not be checked right now.',
    skipped: 'Whether the institute suspended it was not checked.',
  },
  accreditation: {
    passed: 'The Ministry accredited the institute on the certificate’s date.',
    failed: 'The Ministry’s register does not show the institute as accredited on the certificate’s date.',
    skipped: 'The institute’s accreditation was not checked.',
  },
  credentials: {
    passed: 'Every certificate inside is valid.',
    failed: 'A certificate inside is not valid.',
    skipped: 'The certificates inside were not checked.',
  },
};

/** Failures a code tells apart (an unknown status reads as the check's plain failure). */
export type PlainCode = Exclude<CheckCode, 'status_unknown'>;
export const CHECK_CODE_EN: Record<PlainCode, string> = {
  revoked: 'The institute has withdrawn (revoked) it.',
  suspended: 'The institute has suspended it for now.',
  revoked_or_suspended: 'The institute has withdrawn or suspended it (its status list does not say which).',
  key_compromised: 'It was signed with a key the institute reported stolen or leaked, after that happened.',
  expired: 'Its validity period has ended.',
  not_yet_valid: 'Its validity period has not started yet.',
};
