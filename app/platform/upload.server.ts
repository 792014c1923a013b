import { data } from "react-router";

/** Reads at most `maxBytes` of a body as it streams; null (and the stream cancelled) as soon as it is longer. */
export async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: a tee branch's cancel settles only once the other branch is done too (see request-body).
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads a multipart form with a hard byte limit: a declared Content-Length over the limit is refused before
 * reading anything, and a body without one (chunked) is counted as it streams and cut off at the limit, so a
 * 50 MB upload is never held in memory. Throws a 413 whose message the page shows.
 */
export async function readLimitedForm(request: Request, maxBytes: number, message: string): Promise<FormData> {
  const tooLarge = () => data({ message }, { status: 413 });
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new FormData();
  const body = await readAtMost(request.body, maxBytes);
  if (!body) throw tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  try {
    return await new Response(body as BlobPart, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw data({ message: "validation.invalid" }, { status: 400 });
  }
}
