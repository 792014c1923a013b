import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";
import { getI18n } from "../../../app/i18n/i18n.server";
import { memoKey } from "../../../app/i18n/memo";
import { I18nextProvider, useTranslation } from "../../../app/i18n/react";

function Texts({ calls }: { calls: [string, Record<string, unknown>?][] }) {
  const { t } = useTranslation();
  return <>{calls.map(([key, options]) => `${options ? t(key, options) : t(key)}|`).join("")}</>;
}

const render = (lang: "vi" | "en", calls: [string, Record<string, unknown>?][]) =>
  renderToString(
    <I18nextProvider i18n={getI18n(lang)}>
      <Texts calls={calls} />
    </I18nextProvider>,
  ).split("|").slice(0, -1);

test("t with options reads the same as i18next's, call after call, with the values and counts of each call", () => {
  const calls: [string, Record<string, unknown>?][] = [
    ["hrReports.completedOf", { completed: "1", count: 1, counted: "1" }],
    ["hrReports.completedOf", { completed: "1", count: 2, counted: "2" }],
    ["hrReports.completedOf", { completed: "1", count: 1, counted: "1" }],
    ["hrReports.overdueCount", { count: 3, n: "3" }],
    ["hrReports.programme.open", { programme: "Thủ thư, Hà Nội" }],
    ["hrReports.programme.open", { programme: "Cần Thơ (2)" }],
    ["hrReports.title"],
  ];
  for (const lang of ["vi", "en"] as const) {
    const expected = calls.map(([key, options]) => String(getI18n(lang).t(key, options as never)));
    expect(render(lang, calls)).toEqual(expected);
    // Again: now from the memo.
    expect(render(lang, calls)).toEqual(expected);
  }
  expect(render("en", [["hrReports.completedOf", { completed: "1", count: 1, counted: "1" }]])).toEqual(["1 of 1 person"]);
  expect(render("en", [["hrReports.completedOf", { completed: "1", count: 2, counted: "2" }]])).toEqual(["1 of 2 people"]);
});

test("the memo's key tells every call apart, and options it cannot vouch for are not kept", () => {
  const keys = [
    memoKey("a", [{ n: 1 }]),
    memoKey("a", [{ n: "1" }]),
    memoKey("a", [{ n: "null" }]),
    memoKey("a", []),
    memoKey("a", [{ n: 1, m: 2 }]),
    memoKey("a", [{ n: '1,"m":2' }]),
    memoKey("a", [{ n: "x\u0000\"m\"\u0001s\"2\"" }]),
    memoKey("a", [{ n: "x", m: "2" }]),
    memoKey('a","n":1', []),
    memoKey("b", [{ n: 1 }]),
    memoKey("a", [{ n: true }]),
    memoKey("a", [{ lng: "en" }]),
  ];
  expect(new Set(keys).size).toBe(keys.length);
  // An option left undefined reads as no option at all, in i18next as here.
  expect(memoKey("a", [{ n: undefined }])).toBe(memoKey("a", []));
  expect(memoKey("a", [{ n: { x: 1 } }])).toBeNull();
  expect(memoKey("a", [{ n: null }])).toBeNull();
  expect(memoKey("a", [{ n: -0 }])).toBeNull();
  expect(memoKey("a", [[1]])).toBeNull();
  expect(memoKey("a", ["default text"])).toBeNull();
  expect(memoKey("a", [{ n: 1 }, "default"])).toBeNull();
});
