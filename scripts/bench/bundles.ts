// What each page's JavaScript weighs as sent (gzip, the .gz files scripts/precompress.js writes; files under 1 KB go
// uncompressed), read off the production build: the entry, the root route and the page's route module with every
// chunk they import (the modulepreload links of the page), plus the page language's messages, which the entry
// imports before hydrating. Deterministic for a given build, so the bench prints it and an e2e test holds budgets.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const ASSETS = path.resolve(import.meta.dirname, "../../build/client/assets");

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export function readManifest(dir = ASSETS): Manifest {
  const file = readdirSync(dir).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error(`no build in ${dir}: run npm run build`);
  const source = readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

const fileOf = (url: string, dir: string) => path.join(dir, url.replace(/^\/assets\//, ""));

/** Bytes as sent: the precompressed file when there is one. */
export function wireBytes(url: string, dir = ASSETS) {
  const file = fileOf(url, dir);
  return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : statSync(file).size;
}

/** The chunks a chunk imports at run time (`import("./x.js")`) whose name says they are in `lang`'s messages. */
function languageChunks(url: string, lang: string, dir: string) {
  const code = readFileSync(fileOf(url, dir), "utf8");
  return [...code.matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)]
    .map((m) => m[1]!)
    .filter((name) => new RegExp(`(^|[.-])${lang}-[\\w-]+\\.js$`).test(name))
    .map((name) => `/assets/${name}`);
}

export type RouteBundle = { route: string; files: string[]; gzipBytes: number; zod: boolean };

/** The JavaScript a first visit to `routeId` downloads, in `lang`. */
export function routeBundle(routeId: string, lang = "vi", dir = ASSETS, manifest = readManifest(dir)): RouteBundle {
  const chain: ManifestRoute[] = [];
  for (let route: ManifestRoute | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    chain.unshift(route);
  }
  if (!chain.length) throw new Error(`no route ${routeId} in the manifest`);
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const route of chain) for (const url of [route.module, ...(route.imports ?? [])]) files.add(url);
  for (const url of [...files]) for (const chunk of languageChunks(url, lang, dir)) files.add(chunk);
  const list = [...files];
  return {
    route: routeId,
    files: list,
    gzipBytes: list.reduce((sum, url) => sum + wireBytes(url, dir), 0),
    // zod 4 names its core classes "$Zod…"; a chunk that holds them carries the schema library.
    zod: list.some((url) => readFileSync(fileOf(url, dir), "utf8").includes("$ZodType")),
  };
}

/** The pages a learner sees, by route id. */
export const LEARNER_ROUTES = [
  "learning/routes/my-learning",
  "learning/routes/catalogue",
  "learning/routes/course",
  "learning/routes/lesson",
  "learning/routes/competences",
  "certificates/routes/certificate",
  "accounts/routes/account",
] as const;

/** The framework's floor: the entry alone (react-dom, React Router, React) and the root route. */
export const FLOOR_ROUTE = "accounts/routes/login";
