import { expect, test } from "vitest";
import { getI18n } from "../../../app/i18n/i18n.server";
import { formatNumber, formatPercent } from "../../../app/i18n/numbers";

test("numbers and percentages are written the reader's way", () => {
  expect(formatPercent(91.6, "vi")).toBe("91,6\u00a0%");
  expect(formatPercent(91.6, "en")).toBe("91.6%");
  expect(formatPercent(100, "vi")).toBe("100\u00a0%");
  expect(formatNumber(12345.6, "vi")).toBe("12.345,6");
  expect(formatNumber(12345.6, "en")).toBe("12,345.6");
});

test("whole numbers below a thousand, written without Intl, read as Intl writes them in both languages", () => {
  for (const [lang, tag] of [["vi", "vi-VN"], ["en", "en-GB"]] as const) {
    const intl = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    for (const n of [0, 1, 7, 42, 999, 1000, 1234, 2.5, -3]) expect(formatNumber(n, lang)).toBe(intl.format(n));
  }
});

test("messages format their percentages and scores in their own language", () => {
  expect(getI18n("vi").t("quiz.score", { score: 2.5, max: 3, percent: 83.3 })).toBe("Điểm: 2,5/3 (83,3\u00a0%)");
  expect(getI18n("en").t("quiz.score", { score: 2.5, max: 3, percent: 83.3 })).toBe("Score: 2.5/3 (83.3%)");
  expect(getI18n("vi").t("quiz.passMark", { passMark: 70 })).toBe("Điểm đạt: 70\u00a0%");
});
