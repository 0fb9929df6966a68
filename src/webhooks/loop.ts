import type { WebhookDispatcher } from './dispatch.js';

/*
 * The webhook outbox's rounds on a timer, for a long-running process (the Node server): a
 * round every `everyMs` (new events go out within about that long; a retry when it is due),
 * and stop() waits for the round in progress, so a shutdown never closes the database under
 * a delivery being recorded.
 */
export interface WebhookRounds {
  stop(): Promise<void>;
}

export function runWebhookRounds(
  dispatcher: WebhookDispatcher,
  options: { everyMs: number; report?: (ok: boolean, message: string) => void; onError?: (message: string, error: unknown) => void },
): WebhookRounds {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = dispatcher.drain().then(
      () => options.report?.(true, 'ok'),
      (error: unknown) => {
        options.report?.(false, `a round failed: ${error instanceof Error ? error.message : String(error)}`);
        options.onError?.('webhook round failed', error);
      },
    ).finally(() => {
      if (stopped) return;
      timer = setTimeout(tick, options.everyMs);
      (timer as { unref?: () => void }).unref?.();
    });
  };
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      return current;
    },
  };
}
