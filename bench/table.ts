import type { BatchFigures } from './batch.js';
import type { Measurement } from './measure.js';

export interface TableRow {
  group: string;
  m: Measurement;
  /** e.g. "2.41x DB issue (target ≥ 2x) PASS"; empty when the row has no target. */
  target?: string;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A markdown table: group, operation, ops/s, mean µs per operation, ratio to its target. */
export function renderTable(rows: TableRow[]): string {
  return [
    '| group | operation | ops/s | µs/op | ratio to target |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.group} | ${r.m.name} | ${fmt(r.m.opsPerSec)} | ${r.m.meanUs.toFixed(1)} | ${r.target ?? ''} |`),
  ].join('\n');
}

/** The batch figures as a one-row markdown table. */
export function renderBatchTable(b: BatchFigures): string {
  return [
    '| rows | wall time | ms per credential | peak RSS | signing per credential (Ed25519 DI + vc+jwt) | canonicalization per credential |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${fmt(b.rows)} | ${(b.wallMs / 1000).toFixed(2)} s | ${b.msPerCredential.toFixed(3)} | ${b.peakRssMb.toFixed(0)} MB | ${b.signUs.toFixed(0)} µs | ${b.canonizeUs.toFixed(0)} µs |`,
  ].join('\n');
}
