import fc from "fast-check";
import { expect, test } from "vitest";
import { CODE_LENGTH, formatCode, generateCode, normaliseCode } from "../../../app/certificates/code";
import { addMonths, isoSeconds } from "../../../app/certificates/dates";
import { encodeStatusList, statusBit } from "../../../app/certificates/status-list.server";

test("a generated code survives any way of typing it: case, spaces, dashes, O for 0, I or L for 1", () => {
  fc.assert(
    fc.property(fc.constantFrom(" ", "-", "  ", " - ", ""), fc.boolean(), (sep, lower) => {
      const code = generateCode();
      expect(code).toHaveLength(CODE_LENGTH);
      let typed = formatCode(code).split("-").join(sep);
      if (lower) typed = typed.toLowerCase();
      typed = typed.replace(/0/g, "O").replace(/1/g, "l");
      expect(normaliseCode(typed)).toBe(code);
    }),
    { numRuns: 200 },
  );
});

test("every character of the alphabet is drawn, so codes carry 5 bits per character", () => {
  const seen = new Set(Array.from({ length: 400 }, () => generateCode()).join(""));
  expect(seen.size).toBe(32);
  for (const letter of "ILOU") expect(seen.has(letter)).toBe(false);
});

test("anything else is not a code", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      const result = normaliseCode(s);
      if (result !== null) expect(result).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    }),
  );
  expect(normaliseCode("U".repeat(16))).toBeNull();
});

test("expiry months keep the day when they can and never spill into the next month", () => {
  expect(isoSeconds(addMonths(new Date("2026-01-31T05:00:00.123Z"), 1))).toBe("2026-02-28T05:00:00Z");
  expect(isoSeconds(addMonths(new Date("2024-02-29T00:00:00Z"), 24))).toBe("2026-02-28T00:00:00Z");
  expect(isoSeconds(addMonths(new Date("2026-11-24T03:00:00Z"), 24))).toBe("2028-11-24T03:00:00Z");
});

test("the status list sets exactly the revoked bits, most significant bit first", () => {
  const list = encodeStatusList([0, 9, 131_071]);
  expect(list.startsWith("u")).toBe(true);
  expect([0, 9, 131_071].every((b) => statusBit(list, b))).toBe(true);
  expect([1, 8, 10, 131_070].some((b) => statusBit(list, b))).toBe(false);
  const raw = Buffer.from(list.slice(1), "base64url");
  expect(raw.length).toBeLessThan(1024); // compressed: 16 KB of mostly zeros
});
