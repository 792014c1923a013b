import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { en } from "../../../app/i18n/bundle.en";
import { vi } from "../../../app/i18n/bundle.vi";

/** Every app/<folder>/messages.<lang>.ts there is (app/i18n's own included). */
async function messageFiles(lang: "vi" | "en") {
  const folders = readdirSync("app", { withFileTypes: true }).filter((d) => d.isDirectory());
  const files = folders.map((d) => path.join("app", d.name, `messages.${lang}.ts`)).filter((f) => existsSync(f));
  return Promise.all(files.map(async (file) => ({ file, messages: (await import(path.resolve(file)))[lang] as object })));
}

for (const [lang, bundle] of [["vi", vi], ["en", en]] as const) {
  test(`the ${lang} bundle holds every capability's messages, and no namespace is defined twice`, async () => {
    const owners = new Map<string, string[]>();
    for (const { file, messages } of await messageFiles(lang)) {
      for (const namespace of Object.keys(messages)) owners.set(namespace, [...(owners.get(namespace) ?? []), file]);
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
    expect(Object.keys(bundle).sort()).toEqual([...owners.keys()].sort());
  });
}
