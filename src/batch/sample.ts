/*
 * The sample class list the console offers: the documented columns, as Excel writes "CSV
 * UTF-8" (a byte order mark, CRLF), with a Khmer name, so a registrar can see the shape, fill
 * it in and upload it. Cells Excel would mangle when the file is opened and saved again are
 * avoided (no national id with a leading zero; phone numbers keep their spaces, so stay text).
 */
const HEADER = ['Student ID', 'Learner Name', 'Khmer Name', 'Email', 'Phone', 'National ID', 'Template Code', 'Completion Date', 'Result'];
const ROWS = [
  ['S001', 'Sok Dara', 'សុខ ដារ៉ា', 'dara@example.com', '012 345 678', '110234567', 'ELC-L2', '15/02/2026', 'Competent'],
  ['S002', 'Chan Sophea', 'ចាន់ សុភា', '', '097 765 4321', '', 'ELC-L2', '15/02/2026', 'Competent'],
];

export const SAMPLE_CLASS_LIST_NAME = 'class-list-sample.csv';

/** The sample file's text, byte order mark first. */
export const sampleClassList = (): string => `\uFEFF${[HEADER, ...ROWS].map((r) => r.join(',')).join('\r\n')}\r\n`;

/** The columns the sample shows, as headers: the test checks they are every documented column. */
export const SAMPLE_HEADER: readonly string[] = HEADER;
