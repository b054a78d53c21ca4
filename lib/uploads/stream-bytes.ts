/**
 * Reading an uploaded body as a stream, never whole: its first bytes (to check a file's
 * type before storing it, G7) and a byte limit that stops it as soon as it is passed (C6,
 * M6, G7). Web streams, as a Request's body is one.
 */

/** A file as it arrives in a request: its name as the browser sent it, and its bytes, to be read once. */
export interface IncomingFile {
  name: string;
  stream: ReadableStream<Uint8Array>;
}

/** The body, failing as soon as more than `limit` bytes have passed (`exceeded` then says so). */
export function limitBytes(body: ReadableStream<Uint8Array>, limit: number) {
  let seen = 0;
  let exceeded = false;
  const reader = body.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) {
        exceeded = true;
        await reader.cancel().catch(() => undefined); // stop receiving the rest
        return controller.error(new Error("the body is larger than the limit"));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { stream, exceeded: () => exceeded };
}

/**
 * The first `count` bytes of a stream (fewer when it is shorter), and the stream again from
 * its start: what was read to look is given first, then the rest as it arrives.
 */
export async function peekBytes(source: ReadableStream<Uint8Array>, count: number): Promise<{ head: Uint8Array; body: ReadableStream<Uint8Array> }> {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  try {
    while (length < count) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      chunks.push(value);
      length += value.byteLength;
    }
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  }
  const head = new Uint8Array(Math.min(length, count));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= head.length) break;
    const part = chunk.subarray(0, head.length - at);
    head.set(part, at);
    at += part.byteLength;
  }
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.shift();
      if (next) return controller.enqueue(next);
      if (ended) return controller.close();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, body };
}
