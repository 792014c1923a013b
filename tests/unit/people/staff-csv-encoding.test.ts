import { expect, test } from "vitest";
import { parseStaffCsv } from "../../../app/people/staff-csv.server";
import { vi } from "../../../app/people/messages.vi";
import { en } from "../../../app/people/messages.en";

const units = new Set(["LS-PV"]);
const text = "email,full name,org unit code\nvan@thuvien.vn,Nguyễn Thị Vân,LS-PV\n";

function utf16(bigEndian: boolean) {
  const le = Buffer.from(`\ufeff${text}`, "utf16le");
  if (bigEndian) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(le);
}

test("a UTF-16 file (BOM FF FE or FE FF) is told to save as CSV UTF-8, not that it is binary", () => {
  for (const bigEndian of [false, true]) {
    const bytes = utf16(bigEndian);
    expect(bytes.subarray(0, 2)).toEqual(new Uint8Array(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]));
    expect(parseStaffCsv(bytes, units)).toEqual({ ok: false, problems: [{ row: null, code: "utf16" }] });
  }
  expect(vi.staffAdmin.import.errors.utf16).toContain("CSV UTF-8");
  expect(en.staffAdmin.import.errors.utf16).toContain("CSV UTF-8");
  expect(parseStaffCsv(new TextEncoder().encode(text), units)).toMatchObject({ ok: true });
});
