import { expect, test } from "vitest";
import { en } from "../../../app/i18n/bundle.en";
import { vi } from "../../../app/i18n/bundle.vi";
import { createI18next } from "../../../app/i18n/i18next";
import { createTranslator } from "../../../app/i18n/translate";

type Tree = { readonly [key: string]: string | Tree };

/** Every message as [key as the components ask for it, text]: plural forms (key_one, key_other) under their key. */
function messages(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`, value] as [string, string]]
      : messages(value, `${prefix}${key}.`),
  );
}

/** Option sets that exercise a message: each variable it names, numbers where it formats them, plural counts. */
function optionSets(texts: string[]): (Record<string, unknown> | undefined)[] {
  const variables = new Map<string, string | undefined>();
  for (const text of texts) {
    for (const [, inner = ""] of text.matchAll(/\{\{(.+?)\}\}/g)) {
      const [name = "", format] = inner.split(",").map((part) => part.trim());
      variables.set(name, format ?? variables.get(name));
    }
  }
  const plural = texts.length > 1 || variables.has("count");
  const sets: (Record<string, unknown> | undefined)[] = [undefined, {}];
  for (const sample of [0, 1, 2, 5, 1234.5, 91.66]) {
    const options: Record<string, unknown> = {};
    for (const [name, format] of variables) options[name] = format || name === "count" ? sample : `«${name} ${sample}»`;
    if (plural) options.count = sample;
    sets.push(options);
  }
  // Some variables given, others not: a missing one is left as written by both.
  const [first] = variables.keys();
  if (first !== undefined && variables.size > 1) sets.push({ [first]: "only" });
  return sets;
}

for (const [lang, bundle] of [["vi", vi], ["en", en]] as const) {
  test(`the browser's translator renders every ${lang} message as i18next does`, () => {
    const reference = createI18next(lang, bundle);
    const tiny = createTranslator(lang, bundle as unknown as Tree);
    const byKey = new Map<string, string[]>();
    for (const [key, text] of messages(bundle as unknown as Tree)) byKey.set(key, [...(byKey.get(key) ?? []), text]);
    expect(byKey.size).toBeGreaterThan(500);
    let compared = 0;
    for (const [key, texts] of byKey) {
      for (const options of optionSets(texts)) {
        expect(tiny.t(key, options), `${key} ${JSON.stringify(options)}`).toBe(reference.t(key, options as never));
        expect(tiny.exists(key, options), key).toBe(reference.exists(key, options as never));
        compared++;
      }
    }
    // Unknown keys read as the key itself and do not exist (a namespace is never asked for as a message).
    for (const key of ["no.such.key", "nav.learning.deeper", "nav.nope"]) {
      expect(tiny.t(key), key).toBe(reference.t(key));
      expect(tiny.exists(key), key).toBe(reference.exists(key));
    }
    expect(compared).toBeGreaterThan(byKey.size * 2);
  });
}

test("plural forms follow the language's rules, numbers the reader's format", () => {
  const messages = { n: { items_one: "{{count, number}} item", items_other: "{{count, number}} items" }, p: "{{x, percent}}" };
  const enT = createTranslator("en", messages);
  const viT = createTranslator("vi", messages);
  expect(enT.t("n.items", { count: 1 })).toBe("1 item");
  expect(enT.t("n.items", { count: 1234.5 })).toBe("1,234.5 items");
  expect(viT.t("n.items", { count: 1 })).toBe("1 items");
  expect(viT.t("p", { x: 91.66 })).toBe("91,7\u00a0%");
});
