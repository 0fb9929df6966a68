import type { z } from 'zod';
import { IssueRequestSchema, type IssueRequest } from '../schemas/issue-request.js';
import { achievementOf, addMonths, type TemplateBody } from '../schemas/template.js';
import type { TemplateRecord } from '../store/port.js';
import { COLUMNS, type Column } from './columns.js';
import { LETTERS_REPLACED, lettersReplaced } from './lossy-save.js';
import type { ParsedTable, Problem } from './parse.js';

/** A row ready to issue. */
export interface ValidRow {
  rowNo: number;
  /** (student id or email) | template code | completion date: one credential per key and institute. */
  rowKey: string;
  studentId: string | null;
  learnerName: string;
  templateCode: string;
  templateVersion: number;
  request: IssueRequest;
}

export interface BatchSummary {
  rows: number;
  valid: number;
  invalid: number;
  problems: number;
}

export interface Validation {
  valid: ValidRow[];
  problems: Problem[];
  summary: BatchSummary;
}

const KHMER_DIGITS = /[\u17e0-\u17e9]/g;
const asciiDigits = (s: string) => s.replace(KHMER_DIGITS, (d) => String(d.charCodeAt(0) - 0x17e0));

/** A completion date as a calendar date: YYYY-MM-DD, or day first (DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY) as Cambodian sheets write it. */
export function normalizeDate(raw: string): string {
  const s = asciiDigits(raw.trim());
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
  const isoSlash = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (isoSlash) return `${isoSlash[1]}-${isoSlash[2]!.padStart(2, '0')}-${isoSlash[3]!.padStart(2, '0')}`;
  return s;
}

/** The columns whose text goes into the credential as written (see src/batch/lossy-save.ts). */
const LOSSY_CHECKED: readonly Column[] = ['name', 'nameKm', 'studentId', 'result'];

// Which column an IssueRequest path came from, for the row's problem.
const COLUMN_OF_PATH: Record<string, Column> = {
  'learner.name': 'name', 'learner.nameKm': 'nameKm', 'learner.email': 'email', 'learner.phone': 'phone',
  'learner.nationalId': 'nationalId', validFrom: 'completionDate', validUntil: 'completionDate', result: 'result',
};

/**
 * Checks every row of a parsed batch file against the institute's templates and the issue
 * request schema, and finds rows that repeat an earlier one. Every problem is reported, with
 * its row number and column; nothing is issued here.
 */
export async function validateBatch(
  table: ParsedTable,
  findTemplate: (code: string) => Promise<TemplateRecord | null>,
  defaults: { template?: string; now?: Date } = {},
): Promise<Validation> {
  const problems: Problem[] = [...table.problems];
  const headerBroken = table.problems.some((p) => p.row === 1);
  const label = (col: Column) => table.headers[col] ?? COLUMNS[col].label;
  const templates = new Map<string, TemplateRecord | null>();
  const seen = new Map<string, number>();
  const valid: ValidRow[] = [];
  const invalidRows = new Set<number>(table.problems.filter((p) => p.row > 1).map((p) => p.row));

  for (const { rowNo, values } of table.rows) {
    if (headerBroken) break;
    const rowProblems: Problem[] = [];
    const add = (col: Column | null, message: string) => rowProblems.push({ row: rowNo, column: col ? label(col) : null, message });
    const code = values.template ?? defaults.template;
    for (const col of LOSSY_CHECKED) {
      const value = values[col];
      if (value && lettersReplaced(value, col === 'name' || col === 'nameKm' ? 'name' : 'other')) add(col, LETTERS_REPLACED);
    }
    if (!values.name) add('name', 'is required');
    if (!code) add('template', 'is required');
    if (!values.completionDate) add('completionDate', 'is required');
    if (!values.studentId && !values.email) add(table.headers.studentId ? 'studentId' : 'email', 'a student id or an email is required');

    let template: TemplateRecord | null = null;
    if (code) {
      if (!templates.has(code)) templates.set(code, await findTemplate(code));
      template = templates.get(code) ?? null;
      if (!template) add('template', `no template with code "${code}"`);
    }
    let request: IssueRequest | null = null;
    if (template && values.name && values.completionDate) {
      const body = JSON.parse(template.json) as TemplateBody;
      const validFrom = normalizeDate(values.completionDate);
      const input = {
        learner: {
          name: values.name,
          ...(values.nameKm ? { nameKm: values.nameKm } : {}),
          ...(values.email ? { email: values.email } : {}),
          ...(values.phone ? { phone: values.phone } : {}),
          ...(values.nationalId ? { nationalId: values.nationalId } : {}),
        },
        achievement: achievementOf(body),
        validFrom,
        ...(values.result ? { result: values.result } : {}),
      };
      const parsed = IssueRequestSchema.safeParse(input);
      if (parsed.success && defaults.now && Date.parse(parsed.data.validFrom!) > defaults.now.getTime()) {
        add('completionDate', `${values.completionDate} is in the future`);
      } else if (parsed.success) {
        request = body.validityMonths && parsed.data.validFrom
          ? { ...parsed.data, validUntil: addMonths(parsed.data.validFrom, body.validityMonths) }
          : parsed.data;
      } else {
        for (const issue of (parsed.error as z.ZodError).issues) {
          const path = issue.path.map(String).join('.');
          const col = COLUMN_OF_PATH[path];
          // A spreadsheet's dates are read more freely than the API's: say what the sheet may hold.
          const message = col === 'completionDate' ? `"${values.completionDate}" is not a date such as 2026-02-15 or 15/02/2026` : issue.message;
          add(col ?? null, col ? message : `${path}: ${issue.message} (from template ${code})`);
        }
      }
    }
    if (request && template && rowProblems.length === 0) {
      const who = (values.studentId ?? request.learner.email ?? '').toLowerCase();
      const rowKey = `${who}|${template.code}|${request.validFrom!.slice(0, 10)}`;
      const earlier = seen.get(rowKey);
      if (earlier !== undefined) {
        add(values.studentId ? 'studentId' : 'email', `repeats row ${earlier} (same learner, template and completion date)`);
      } else {
        seen.set(rowKey, rowNo);
        valid.push({
          rowNo, rowKey, studentId: values.studentId ?? null, learnerName: request.learner.name,
          templateCode: template.code, templateVersion: template.version, request,
        });
      }
    }
    if (rowProblems.length) {
      invalidRows.add(rowNo);
      problems.push(...rowProblems);
    }
  }
  const validNow = valid.filter((r) => !invalidRows.has(r.rowNo));
  const rows = table.rows.length;
  return {
    valid: validNow,
    problems,
    summary: { rows, valid: validNow.length, invalid: headerBroken ? rows : rows - validNow.length, problems: problems.length },
  };
}
