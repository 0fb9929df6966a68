import { pino, type DestinationStream, type Logger } from 'pino';
import type { RequestLog } from '../../http/request-log.js';

/*
 * The Node service's log: pino, one JSON object per line on stdout (what journald, Loki or any
 * log shipper reads). In a terminal the same records are printed as short readable lines.
 * Only the fields of RequestLogFields are logged per request; errors carry their stack here
 * and never in a response.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Readable lines for a terminal: `12:01:02 INFO  GET /v/:id 200 3.2ms ntti [req-id]`. */
export function prettyLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : '';
  const level = (LEVEL_NAMES[record.level as number] ?? String(record.level)).padEnd(5);
  const text = record.msg === 'request'
    ? `${record.method} ${record.route} ${record.status} ${record.ms}ms${record.institute ? ` ${record.institute}` : ''} [${record.requestId}]`
    : `${record.msg ?? ''}${record.requestId ? ` [${record.requestId}]` : ''}`;
  const err = record.err as { stack?: string } | undefined;
  return `${time} ${level} ${text}${err?.stack ? `\n${err.stack}` : ''}\n`;
}

export function createLogger(options: { level: LogLevel; pretty?: boolean; destination?: DestinationStream }): Logger {
  const out = options.destination ?? (options.pretty ?? process.stdout.isTTY
    ? { write: (line: string) => void process.stdout.write(prettyLine(line)) }
    : pino.destination({ dest: 1, sync: false }));
  return pino({
    level: options.level,
    base: { service: 'skillcert' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Nothing that could hold a secret is ever a field: no headers, no bodies, no query strings.
    serializers: { err: pino.stdSerializers.err },
  }, out);
}

/** The app's RequestLog on a pino logger. */
export function pinoRequestLog(logger: Logger): RequestLog {
  return {
    request: (fields) => logger.info(fields, 'request'),
    error: (message, error, fields) => logger.error({ ...fields, err: error instanceof Error ? error : new Error(String(error)) }, message),
  };
}
