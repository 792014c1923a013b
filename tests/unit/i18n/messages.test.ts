import { expect, test } from "vitest";
import { en } from "../../../app/i18n/bundle.en";
import { negotiateLocale } from "../../../app/i18n";
import { vi } from "../../../app/i18n/bundle.vi";
import { isCrossOrigin } from "../../../app/platform/middleware.server";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

test("both languages have the same message keys and no empty message", () => {
  expect(keys(en).sort()).toEqual(keys(vi).sort());
  for (const lang of [vi, en]) for (const key of keys(lang)) expect(key.split(".").reduce<any>((o, k) => o[k], lang)).not.toBe("");
});

test("the locale comes from the user's preference, then the cookie, then Accept-Language, else Vietnamese", () => {
  expect(negotiateLocale({ userLocale: "en", cookieHeader: "skillshelf_lang=vi" })).toBe("en");
  expect(negotiateLocale({ cookieHeader: "a=1; skillshelf_lang=en", acceptLanguage: "vi" })).toBe("en");
  expect(negotiateLocale({ acceptLanguage: "fr-FR,en-US;q=0.8,vi;q=0.5" })).toBe("en");
  expect(negotiateLocale({ acceptLanguage: "vi-VN,vi;q=0.9,en;q=0.8" })).toBe("vi");
  expect(negotiateLocale({ acceptLanguage: "de" })).toBe("vi");
  expect(negotiateLocale({ cookieHeader: "skillshelf_lang=xx" })).toBe("vi");
});

test("mutations from another origin are recognised; same-origin and reads pass", () => {
  const make = (method: string, headers: Record<string, string>) => new Request("http://localhost:3000/x", { method, headers });
  expect(isCrossOrigin(make("POST", { origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(false);
  expect(isCrossOrigin(make("POST", { origin: "https://evil.example", host: "localhost:3000" }))).toBe(true);
  // X-Forwarded-Host counts only behind a trusted proxy; otherwise anyone could send it along with a forged Origin.
  const forwarded = make("POST", { origin: "https://evil.example", host: "localhost:3000", "x-forwarded-host": "evil.example" });
  expect(isCrossOrigin(forwarded, false)).toBe(true);
  expect(isCrossOrigin(forwarded, true)).toBe(false);
  const proxied = make("POST", { origin: "https://skillshelf.example", host: "10.0.0.5:3000", "x-forwarded-host": "skillshelf.example" });
  expect(isCrossOrigin(proxied, true)).toBe(false);
  expect(isCrossOrigin(proxied, false)).toBe(true);
  expect(isCrossOrigin(make("POST", { "sec-fetch-site": "cross-site", host: "localhost:3000" }))).toBe(true);
  expect(isCrossOrigin(make("POST", { origin: "null", host: "localhost:3000" }))).toBe(true);
  expect(isCrossOrigin(make("GET", { origin: "https://evil.example", host: "localhost:3000" }))).toBe(false);
});

test("every message key written literally in the app exists (so nobody reads a raw key)", async () => {
  const { readdirSync, readFileSync, statSync } = await import("node:fs");
  const path = await import("node:path");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name) && !full.includes(`${path.sep}i18n${path.sep}`)) files.push(full);
    }
  };
  walk("app");
  const known = new Set(keys(vi));
  const prefixes = new Set(keys(vi).flatMap((k) => k.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))));
  const missing: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z][\w]*(?:\.[\w]+)+)"/g)) {
      const key = match[1]!;
      // Plural forms are stored as key_one / key_other.
      if (!known.has(key) && !known.has(`${key}_other`)) missing.push(`${file}: ${key}`);
    }
    // Template keys like t(`roles.${role}`) must at least name an existing namespace.
    for (const match of source.matchAll(/\bt\(\s*`([a-zA-Z][\w]*(?:\.[\w]+)*)\.\$\{/g)) {
      if (!prefixes.has(match[1]!)) missing.push(`${file}: ${match[1]}.\${…}`);
    }
  }
  expect(missing).toEqual([]);
});
