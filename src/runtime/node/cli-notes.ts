/** A batch file's note as the API answers it: a problem, or a warning. */
export interface RowNote {
  row: number;
  column?: string | null;
  message: string;
}

/** Notes shown in a terminal; a whole sheet of one mistake (a wrong template code) says so once. */
const SHOWN = 30;

/** Prints a dry run's problems or warnings, by row, a terminal's worth of them. */
export function printNotes(out: (line: string) => void, notes: readonly RowNote[], kind: 'problem' | 'warning'): void {
  const prefix = kind === 'warning' ? 'warning: ' : '';
  for (const p of notes.slice(0, SHOWN)) out(`  row ${p.row}${p.column ? ` (${p.column})` : ''}: ${prefix}${p.message}`);
  if (notes.length > SHOWN) {
    const rest = notes.slice(SHOWN);
    const same = rest.every((p) => p.message === rest[0]!.message);
    out(`  …and ${rest.length} more${same ? ` with the same ${kind} ("${rest[0]!.message}")` : ''}; --json prints them all`);
  }
}
