/*
 * Counting verifications and views without tracking anyone (issue 19). A count is a day, a
 * credential, what happened (a verification and how it came and what it found, a learner-page
 * view, a share-card render) and a number: never an address, a user agent, a cookie or a time
 * of day. Counts are added up in memory and written in one statement group when the runtime
 * flushes (Node: every few seconds and at shutdown; Workers: after each request, off its
 * critical path), so a verification never waits for them. A kill -9 loses what was pending;
 * a failure to write never changes what a verification answered.
 */

/** How a verification reached the service. */
export const CHANNELS = ['api', 'vc-api', 'qr-page', 'verify-page'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENTS = ['verification', 'page-view', 'share-card'] as const;
export type InsightEvent = (typeof EVENTS)[number];

/** Which of our credentials: by our short id, or by its own `id` (what a pasted credential names). */
export type CredentialRef = { id: string } | { vcId: string };

export type CountedEvent =
  | { event: 'verification'; channel: Channel; verdict: string; credential: CredentialRef }
  | { event: 'page-view' | 'share-card'; credential: { id: string } };

/** One counter's increment, as the store adds it (a credential we never issued adds nothing). */
export interface InsightIncrement {
  day: string;
  credential: CredentialRef;
  event: InsightEvent;
  channel: Channel | '';
  verdict: string;
  n: number;
}

/** The port the app counts through; Node and Workers share it, and only flush it differently. */
export interface InsightCounter {
  /** Counts one event in memory: never throws, never waits. */
  record(event: CountedEvent): void;
  /** Writes what is pending as one statement group; a failure is reported, never thrown. */
  flush(): Promise<void>;
  /** Distinct counters waiting to be written. */
  readonly pending: number;
}

/** Cambodia keeps UTC+7 all year: a day is counted as the calendar day there. */
export const REPORTING_OFFSET_HOURS = 7;

/** The calendar day in Cambodia (YYYY-MM-DD) of an instant. */
export const reportingDay = (at: Date): string => new Date(at.getTime() + REPORTING_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);

export interface CounterOptions {
  write: (increments: readonly InsightIncrement[]) => Promise<void>;
  clock: () => Date;
  /** Written in groups of at most this many counters (one atomic group each). */
  groupSize?: number;
  /** Pending counters that start a flush on their own (a burst between two timed flushes). */
  flushAt?: number;
  /** Pending counters kept for a retry after a failed write; beyond, the oldest failure is dropped. */
  keepAtMost?: number;
  onError?: (message: string, error: unknown) => void;
}

const keyOf = (i: Omit<InsightIncrement, 'n'>): string =>
  JSON.stringify([i.day, 'id' in i.credential ? i.credential.id : `vc:${i.credential.vcId}`, i.event, i.channel, i.verdict]);

/** A counter that adds up in memory and writes on flush. */
export function createBatchedCounter(options: CounterOptions): InsightCounter {
  const groupSize = options.groupSize ?? 200;
  const flushAt = options.flushAt ?? 2_000;
  const keepAtMost = options.keepAtMost ?? 20_000;
  let pending = new Map<string, InsightIncrement>();

  const add = (increment: InsightIncrement) => {
    const key = keyOf(increment);
    const before = pending.get(key);
    if (before) before.n += increment.n;
    else pending.set(key, increment);
  };

  const flush = async (): Promise<void> => {
    if (pending.size === 0) return;
    const taken = [...pending.values()];
    pending = new Map();
    for (let at = 0; at < taken.length; at += groupSize) {
      const group = taken.slice(at, at + groupSize);
      try {
        await options.write(group);
      } catch (error) {
        options.onError?.('insight counters could not be written; kept for the next flush', error);
        if (pending.size < keepAtMost) for (const increment of group) add(increment);
      }
    }
  };

  return {
    record(event) {
      try {
        const day = reportingDay(options.clock());
        add(event.event === 'verification'
          ? { day, credential: event.credential, event: 'verification', channel: event.channel, verdict: event.verdict, n: 1 }
          : { day, credential: event.credential, event: event.event, channel: '', verdict: '', n: 1 });
        if (pending.size >= flushAt) void flush();
      } catch (error) {
        options.onError?.('an insight count was dropped', error);
      }
    },
    flush,
    get pending() {
      return pending.size;
    },
  };
}
