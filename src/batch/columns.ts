/** The columns a batch file may carry, with the header names each answers to. */
export const COLUMNS = {
  name: { label: 'learner name', synonyms: ['name', 'learner name', 'full name', 'student name', 'trainee name', 'name en', 'english name', 'name english'] },
  nameKm: { label: 'khmer name', synonyms: ['khmer name', 'name km', 'name kh', 'name khmer', 'name in khmer', 'learner name km', 'ឈ្មោះ'] },
  email: { label: 'email', synonyms: ['email', 'e-mail', 'email address', 'mail'] },
  phone: { label: 'phone', synonyms: ['phone', 'phone number', 'mobile', 'mobile number', 'tel', 'telephone', 'telegram'] },
  nationalId: { label: 'national id', synonyms: ['national id', 'national id number', 'id card', 'id card number', 'nid', 'national id card'] },
  studentId: { label: 'student id', synonyms: ['student id', 'trainee id', 'learner id', 'student number', 'student no', 'registration number'] },
  template: { label: 'template code', synonyms: ['template code', 'template', 'programme', 'programme code', 'program', 'program code', 'course code', 'qualification code'] },
  completionDate: { label: 'completion date', synonyms: ['completion date', 'completed', 'completed on', 'date of completion', 'date completed', 'graduation date', 'date'] },
  result: { label: 'result', synonyms: ['result', 'grade', 'result grade', 'score', 'mark'] },
} as const;

export type Column = keyof typeof COLUMNS;
export const REQUIRED_COLUMNS: readonly Column[] = ['name', 'template', 'completionDate'];

/** Case, spaces, underscores, dashes, dots and slashes do not matter in a header. */
export const normalizeHeader = (h: string): string => h.normalize('NFC').toLowerCase().replace(/[\s_\-./()]+/g, '');

const BY_HEADER = new Map<string, Column>(
  (Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][]).flatMap(([col, def]) => def.synonyms.map((s) => [normalizeHeader(s), col] as const)),
);

/** The column a header names, or undefined (an extra column is ignored). */
export const columnOf = (header: string): Column | undefined => BY_HEADER.get(normalizeHeader(header));
