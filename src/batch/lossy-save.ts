/*
 * Excel's plain "CSV" writes the sheet in Windows-1252 and puts a "?" for every character
 * that code page has none for: a Khmer name becomes "??? ?????", "Nguyễn" becomes "Nguy?n".
 * The result is plain ASCII, valid UTF-8, so no decoder can tell; only the question marks
 * where letters were can. A cell like that is a row problem: signed, it would certify a
 * learner called "??? ?????".
 *
 * Where a real "?" can stand: nowhere in a name, so in a name column any "?" counts. In other
 * columns (a grade, a student id) one "?" on its own ("?", "Pass?", "re-sit?") is kept; a
 * run of them, or one inside or at the start of a word, is a letter that was lost.
 */

/** What the row problem says, in English (src/web/problem-text.ts has it in Khmer). */
export const LETTERS_REPLACED =
  'letters were replaced by "?": the file was saved as plain "CSV", which loses Khmer letters. In Excel, save it as "CSV UTF-8 (Comma delimited)" and upload it again';

const RUN = /\?{2,}/;
const INSIDE_WORD = /\p{L}\?\p{L}/u;
const WORD_START = /(?:^|[\s(\-'"])\?\p{L}/u;

/** Whether a cell's letters look replaced by "?" (`name`: a column that holds names). */
export function lettersReplaced(value: string, kind: 'name' | 'other'): boolean {
  if (!value.includes('?')) return false;
  if (kind === 'name') return true;
  return RUN.test(value) || INSIDE_WORD.test(value) || WORD_START.test(value);
}
