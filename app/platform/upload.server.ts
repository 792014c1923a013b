import { data } from "react-router";

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
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const contentType = request.headers.get("content-type") ?? "";
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw data({ message: "validation.invalid" }, { status: 400 });
  }
}
