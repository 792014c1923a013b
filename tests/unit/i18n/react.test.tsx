import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";
import { getI18n } from "../../../app/i18n/i18n.server";
import { I18nextProvider, useTranslation } from "../../../app/i18n/react";

// useTranslation (and the server instance's own t) keep what t returns for a key and for a key with plain options ({ count }, { n, total }): the kept
// text must be i18next's for those very options, whatever was asked before.
test("t with options gives i18next's text for each set of options, asked in any order and again", () => {
  const i18n = getI18n("en");
  const fixed = i18n.getFixedT("en") as unknown as (key: string, options?: object) => unknown;
  const asks: [string, Record<string, unknown>?][] = [
    ["lesson.minutes", { count: 1 }],
    ["lesson.minutes", { count: 2 }],
    ["lesson.minutes", { count: "1" }],
    ["lesson.lessonOf", { n: 1, total: 6 }],
    ["lesson.lessonOf", { n: 2, total: 6 }],
    ["lesson.lessonOf", { total: 6, n: 2 }],
    ["catalogue.percent", { percent: 40 }],
    ["lesson.minutes", { count: 1 }],
    ["lesson.lessonOf", { n: 1, total: 6 }],
    ["lesson.toc"],
  ];
  let seen: unknown[] = [];
  function Probe() {
    const { t } = useTranslation();
    const call = t as unknown as (key: string, options?: object) => unknown;
    seen = [...asks, ...asks].map(([key, options]) => (options ? call(key, options) : call(key)));
    return null;
  }
  renderToString(
    <I18nextProvider i18n={i18n}>
      <Probe />
    </I18nextProvider>,
  );
  const expected = [...asks, ...asks].map(([key, options]) => (options ? fixed(key, options) : String(fixed(key))));
  expect(seen).toEqual(expected);
  // A memo keyed on the key alone would give the first count's text for every count.
  expect(seen.slice(0, 2)).toEqual(["1 min read", "2 min read"]);
  expect(seen.slice(3, 5)).toEqual(["Lesson 1 of 6", "Lesson 2 of 6"]);
  // The instance's own t (loaders, meta titles) is kept the same way.
  const direct = i18n.t as unknown as (key: string, options?: object) => unknown;
  expect([...asks, ...asks].map(([key, options]) => (options ? direct(key, options) : direct(key)))).toEqual(expected);
  // Options that are not plain values are not kept, and what is not text comes back as it is.
  expect(direct("lesson.minutes", { count: 3, ns: undefined })).toBe("3 min read");
  expect(typeof direct("lesson", { returnObjects: true })).toBe("object");
});
