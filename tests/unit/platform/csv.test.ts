import { expect, test } from "vitest";
import { toCsv } from "../../../app/platform/csv.server";

test("CSV for Excel starts with a BOM, keeps Vietnamese exactly and quotes what needs quoting", () => {
  const csv = toCsv(["Họ và tên", "Ghi chú"], [["Nguyễn Thị Hồng Vân", 'nói "xin chào", rồi đi'], ["Hoàng Việt", null]]);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.slice(1).split("\n")).toEqual(["Họ và tên,Ghi chú", 'Nguyễn Thị Hồng Vân,"nói ""xin chào"", rồi đi"', "Hoàng Việt,", ""]);
});

test("cells that look like formulas are neutralised; numbers are left alone", () => {
  const csv = toCsv(["a"], [['=HYPERLINK("http://x","y")'], ["+1"], ["-2"], ["@SUM(A1)"], [-3]]);
  const lines = csv.slice(1).trim().split("\n");
  expect(lines.slice(1)).toEqual(['"\'=HYPERLINK(""http://x"",""y"")"', "'+1", "'-2", "'@SUM(A1)", "-3"]);
});
