import Papa from 'papaparse';
import { columnOf, COLUMNS, REQUIRED_COLUMNS, type Column } from './columns.js';
import { LETTERS_REPLACED, lettersReplaced } from './lossy-save.js';

/** One problem in a batch file: spreadsheet row number (header = 1), column, message. */
export interface Problem {
  row: number;
  column: string | null;
  message: string;
}

/** A data row: its spreadsheet row number and its values by column. */
export interface RawRow {
  rowNo: number;
  values: Partial<Record<Column, string>>;
}

export interface ParsedTable {
  rows: RawRow[];
  /** The header text each column was found under (for messages). */
  headers: Partial<Record<Column, string>>;
  problems: Problem[];
}

// Excel writes `="00123"` to keep leading zeros; the value is what is inside.
// A line break typed inside a cell (Alt+Enter) becomes a space: no column holds paragraphs.
const unExcel = (v: string): string => {
  const m = /^="(.*)"$/s.exec(v.trim());
  return (m ? m[1]! : v).replace(/[ \t]*\r?\n[ \t]*/g, ' ').trim();
};

function mapHeaders(names: string[], optional: readonly Column[] = []): { index: Map<number, Column>; headers: Partial<Record<Column, string>>; problems: Problem[] } {
  const index = new Map<number, Column>();
  const headers: Partial<Record<Column, string>> = {};
  const problems: Problem[] = [];
  names.forEach((name, i) => {
    // A Khmer header saved as plain "CSV" is "?????": its column would be silently ignored.
    if (lettersReplaced(name, 'other')) problems.push({ row: 1, column: name, message: LETTERS_REPLACED });
    const col = columnOf(name);
    if (!col) return;
    if (headers[col] !== undefined) {
      problems.push({ row: 1, column: name, message: `names the same column as "${headers[col]}"` });
      return;
    }
    headers[col] = name.trim();
    index.set(i, col);
  });
  for (const col of REQUIRED_COLUMNS) {
    if (headers[col] === undefined && !optional.includes(col)) problems.push({ row: 1, column: COLUMNS[col].label, message: `missing column "${COLUMNS[col].label}"` });
  }
  if (headers.studentId === undefined && headers.email === undefined) {
    problems.push({ row: 1, column: COLUMNS.studentId.label, message: 'needs a "student id" or an "email" column to tell learners apart' });
  }
  return { index, headers, problems };
}

/**
 * Reads a CSV as Excel exports it: UTF-8 with or without a BOM, comma, semicolon or tab
 * separated, quoted fields (with commas, quotes and newlines), CRLF. Row numbers count
 * records as a spreadsheet shows them (header = row 1); blank rows are skipped.
 */
export function parseCsv(text: string, options: { optional?: readonly Column[] } = {}): ParsedTable {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const records = parsed.data;
  const problems: Problem[] = parsed.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ row: (e.row ?? 0) + 1, column: null, message: `cannot read this row: ${e.message}` }));
  const headerAt = records.findIndex((r) => r.some((v) => v.trim() !== ''));
  if (headerAt < 0) return { rows: [], headers: {}, problems: [{ row: 1, column: null, message: 'the file has no header row' }] };
  const { index, headers, problems: headerProblems } = mapHeaders(records[headerAt]!.map((h) => h.replace(/^\uFEFF/, '')), options.optional);
  problems.push(...headerProblems);
  const rows: RawRow[] = [];
  for (let i = headerAt + 1; i < records.length; i++) {
    const record = records[i]!;
    if (record.every((v) => v.trim() === '')) continue;
    const values: Partial<Record<Column, string>> = {};
    for (const [at, col] of index) {
      const v = unExcel(record[at] ?? '');
      if (v !== '') values[col] = v;
    }
    rows.push({ rowNo: i + 1, values });
  }
  return { rows, headers, problems };
}

/** A JSON array of objects keyed like the CSV's headers; item 0 is "row 2", as in a sheet. */
export function parseJsonRows(items: unknown[], options: { optional?: readonly Column[] } = {}): ParsedTable {
  const names = [...new Set(items.flatMap((it) => (it && typeof it === 'object' && !Array.isArray(it) ? Object.keys(it) : [])))];
  const { index, headers, problems } = mapHeaders(names, options.optional);
  const rows: RawRow[] = items.map((item, i) => {
    const values: Partial<Record<Column, string>> = {};
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ row: i + 2, column: null, message: 'must be an object' });
      return { rowNo: i + 2, values };
    }
    for (const [at, col] of index) {
      const raw = (item as Record<string, unknown>)[names[at]!];
      if (raw !== null && typeof raw === 'object') {
        problems.push({ row: i + 2, column: names[at]!, message: 'must be text or a number' });
        continue;
      }
      const v = raw === null || raw === undefined ? '' : unExcel(String(raw));
      if (v !== '') values[col] = v;
    }
    return { rowNo: i + 2, values };
  });
  return { rows, headers, problems };
}
