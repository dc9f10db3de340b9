/**
 * Packs text into a link and back: deflate (CompressionStream's raw DEFLATE, in every browser and in Node) and then
 * base64url, whose alphabet URLSearchParams leaves as it is, so a packed value costs no percent-escapes. Unpacking
 * is bounded: a crafted link cannot make the page inflate more than MAX_UNPACKED_CHARS.
 */

/** The most text an unpacked link value may hold (a scenario file of the user's own, the actions of a session). */
export const MAX_UNPACKED_CHARS = 1_000_000;

const FORMAT: CompressionFormat = 'deflate-raw';

async function through(bytes: Uint8Array, stream: GenericTransformStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = (stream.readable as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new Error(`it unpacks to more than ${limit.toLocaleString('en-US')} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('it is not base64url text');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `text` deflated and written as base64url. */
export async function pack(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  return toBase64Url(await through(bytes, new CompressionStream(FORMAT), Number.POSITIVE_INFINITY));
}

/** The text `packed` holds; throws an Error saying what is wrong with it (not base64url, not deflate, too large,
 * not UTF-8). */
export async function unpack(packed: string): Promise<string> {
  const bytes = fromBase64Url(packed);
  let inflated: Uint8Array;
  try {
    inflated = await through(bytes, new DecompressionStream(FORMAT), 4 * MAX_UNPACKED_CHARS);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('it unpacks')) throw error;
    throw new Error('it is damaged (cut short or changed)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new Error('it is not UTF-8 text');
  }
  if (text.length > MAX_UNPACKED_CHARS)
    throw new Error(`it unpacks to more than ${MAX_UNPACKED_CHARS.toLocaleString('en-US')} characters`);
  return text;
}
