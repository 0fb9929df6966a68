/** One benchmark row: operations per second of an operation run back to back. */
export interface Measurement {
  name: string;
  opsPerSec: number;
  iterations: number;
  /** Mean time per operation in microseconds. */
  meanUs: number;
  /** ops/s in each round, in round order. */
  perRound: number[];
}

export type Operation = () => unknown;

export interface Row {
  group: string;
  name: string;
  op: Operation;
}

const now = () => performance.now();

/** Runs `op` back to back, each call awaited before the next, for about `ms` milliseconds. */
export async function runFor(op: Operation, ms: number): Promise<{ iterations: number; elapsedMs: number }> {
  let iterations = 0;
  const start = now();
  const end = start + ms;
  let t = start;
  while (t < end) {
    await op();
    iterations++;
    t = now();
  }
  return { iterations, elapsedMs: t - start };
}

/**
 * Measures every row: a warm-up, then `rounds` passes over the rows in the given order,
 * `durationMs / rounds` each. Interleaving spreads any drift of the machine (other load, CPU
 * frequency) over all rows, and rows measured next to each other in a round can be compared
 * round by round (see {@link pairedRatio}).
 */
export async function measureAll(
  rows: Row[],
  { warmupMs, durationMs, rounds }: { warmupMs: number; durationMs: number; rounds: number },
): Promise<Measurement[]> {
  const slices = rows.map(() => [] as Array<{ iterations: number; elapsedMs: number }>);
  for (const row of rows) await runFor(row.op, warmupMs);
  for (let round = 0; round < rounds; round++) {
    for (const [i, row] of rows.entries()) slices[i]?.push(await runFor(row.op, durationMs / rounds));
  }
  return rows.map((row, i) => {
    const mine = slices[i] ?? [];
    const iterations = mine.reduce((n, s) => n + s.iterations, 0);
    const elapsedMs = mine.reduce((n, s) => n + s.elapsedMs, 0);
    return {
      name: row.name,
      opsPerSec: (iterations * 1000) / elapsedMs,
      iterations,
      meanUs: (elapsedMs * 1000) / iterations,
      perRound: mine.map((s) => (s.iterations * 1000) / s.elapsedMs),
    };
  });
}

/** The median over rounds of a/b's ops/s ratio: robust to a burst of load in one round. */
export function pairedRatio(a: Measurement, b: Measurement): number {
  const ratios = a.perRound.map((ops, i) => ops / (b.perRound[i] as number)).sort((x, y) => x - y);
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? (ratios[mid] as number) : ((ratios[mid - 1] as number) + (ratios[mid] as number)) / 2;
}
