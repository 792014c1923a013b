import { expect, it } from "vitest";
import { parseStaffCsv } from "../../../app/people/staff-csv.server";

// PostgreSQL refuses NUL in text: one past the first 8 KB (where the binary sniff looks) must not reach a row.
it("a CSV with a NUL after the first 8 KB is refused as not a CSV", () => {
  const lines = ["email,full name,org unit code"];
  for (let i = 0; i < 300; i++) lines.push(`p${i}@thuvien.vn,Người ${i},LS-PV`);
  lines.push("nul@thuvien.vn,Người\0Lạ,LS-PV");
  const bytes = new TextEncoder().encode(lines.join("\n"));
  expect(bytes.indexOf(0)).toBeGreaterThan(8192);
  const parsed = parseStaffCsv(bytes, new Set(["LS-PV"]));
  expect(parsed).toEqual({ ok: false, problems: [{ row: null, code: "notCsv" }] });
});
