// After `react-router build`: writes a zopfli-compressed .gz next to every client asset (JS, CSS, SVG), which
// the server sends as is to browsers that accept gzip (express-static-gzip). Zopfli output is ordinary gzip,
// 3–5 % smaller than zlib's best; it costs a few seconds once at build time instead of CPU on every request.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipAsync } from "@gfx/zopfli";

const dir = path.resolve("build/client/assets");
const started = performance.now();
let before = 0;
let after = 0;
const files = readdirSync(dir).filter((name) => /\.(js|css|svg)$/.test(name));
for (const name of files) {
  const full = path.join(dir, name);
  const source = readFileSync(full);
  if (source.length < 1024) continue;
  const gz = await gzipAsync(source, { numiterations: 15 });
  writeFileSync(`${full}.gz`, gz);
  before += source.length;
  after += gz.length;
}
console.log(
  `precompressed ${files.length} assets: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB gzip in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
