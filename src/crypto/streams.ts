import { concatBytes } from './encoding.js';

/** Raised when a stream carries more than the caller allowed. */
export class StreamTooLargeError extends RangeError {
  readonly code = 'ERR_STREAM_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`the stream carries more than ${maxBytes} bytes`);
    this.name = this.constructor.name;
  }
}

/**
 * Reads a byte stream to its end, cancelling it as soon as it passes `maxBytes`, so a hostile
 * response or a gzip bomb costs at most that much memory.
 */
export async function readAllCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(...chunks);
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new StreamTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
}
