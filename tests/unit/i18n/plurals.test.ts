import { expect, test } from "vitest";
import { en } from "../../../app/i18n/bundle.en";

/** Every message, as [dotted key, text]. */
function messages(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" ? messages(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const SHOWS_COUNT = /\{\{\s*count\s*[,}]/;

/** English messages that show a count without both i18next plural forms ("1 files"). */
function pluralProblems(bundle: object) {
  const all = new Map(messages(bundle));
  const problems: string[] = [];
  for (const [key, text] of all) {
    if (!SHOWS_COUNT.test(text)) continue;
    if (!PLURAL.test(key)) {
      problems.push(`${key}: no _one/_other forms`);
      continue;
    }
    const base = key.replace(PLURAL, "");
    for (const form of ["one", "other"]) if (!all.has(`${base}_${form}`)) problems.push(`${base}_${form} is missing`);
  }
  return problems;
}

test("every English message that shows {{count}} has its singular and plural forms (i18next _one/_other)", () => {
  expect(pluralProblems(en)).toEqual([]);
});

test("the check catches a count without plural forms and a lone form", () => {
  const sample = { a: { files: "{{count}} files", n: "{{count, number}} rows", ok_one: "{{count}} file", ok_other: "{{count}} files", lone_other: "{{count}} x" } };
  expect(pluralProblems(sample)).toEqual(["a.files: no _one/_other forms", "a.n: no _one/_other forms", "a.lone_one is missing"]);
});
