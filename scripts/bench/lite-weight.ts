// What a page weighs over the wire, measured the way a browser receives it: the HTML as the server compresses it
// and the stylesheets it links as precompressed files. The bench prints the lite lesson page's weight with it and
// tests/e2e/lite-mode.spec.ts holds the budget with the same function, so the two cannot measure differently.
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

/**
 * The bytes a browser receives for a URL (as sent: precompressed assets, compressed HTML). `encodings` is what the
 * client accepts: gzip alone for the figures kept since session 2, "br, gzip" for what Chromium gets today.
 */
export function wire(url: string, headers: Record<string, string> = {}, encodings = "gzip"): Promise<{ bytes: number; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encodings, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          const body = encoding === "gzip" ? gunzipSync(raw) : encoding === "br" ? brotliDecompressSync(raw) : raw;
          resolve({ bytes: raw.length, body, encoding });
        });
      })
      .on("error", reject);
  });
}

export type LiteWeight = { htmlKB: number; cssKB: number; totalKB: number; scripts: number; stylesheets: string[] };

/** A page in lite mode (Save-Data: on) as sent: its HTML and the stylesheets it links, in KB (1,024 bytes). */
export async function liteWeight(origin: string, path: string, headers: Record<string, string> = {}, encodings = "gzip"): Promise<LiteWeight> {
  const page = await wire(origin + path, { ...headers, "save-data": "on" }, encodings);
  const html = page.body.toString("utf8");
  const stylesheets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  let css = 0;
  for (const href of stylesheets) css += (await wire(origin + href, {}, encodings)).bytes;
  const htmlKB = page.bytes / 1024;
  const cssKB = css / 1024;
  return { htmlKB, cssKB, totalKB: htmlKB + cssKB, scripts: (html.match(/<script/g) ?? []).length, stylesheets };
}
