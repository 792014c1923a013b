import fc from "fast-check";
import { expect, test } from "vitest";
import { safeRedirect } from "../../../app/platform/safe-redirect";

const ORIGIN = "http://localhost:3000";

// Pieces that browsers normalise or that name another host, combined at random into redirect targets.
const hostile = fc
  .array(
    fc.constantFrom(
      "/", "//", "\\", "/\\", "\t", "\n", "\r", " ", "\u0000", "\u00a0", "%09", "%0a", "%0d", "%2F", "%2f", "%5C", "%5c",
      "%2e", ".", "./", "/.\\/", "..", "%", "%%", "@", ":", "?", "#", "evil.example", "javascript:", "JaVaScRiPt:",
      "data:", "http:", "https://", "\uff0f", "\u2215", "\u2044", "\u29f8", "\ufe68", "\uff3c", "\u3002", "%EF%BC%8F",
      "learning", "a", "",
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

test("no generated target, however spelled, leaves the origin", () => {
  fc.assert(
    fc.property(fc.oneof(hostile, fc.string(), fc.string({ unit: "grapheme" })), (to) => {
      const result = safeRedirect(to, "/learning");
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
      // The browser reads the Location header after stripping tabs and newlines and turning "\" into "/".
      const asBrowserReads = result.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
      expect(new URL(asBrowserReads, ORIGIN).origin).toBe(ORIGIN);
      expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
    }),
    { numRuns: 5000 },
  );
});

test("the known tricks fall back; local paths keep their query and fragment", () => {
  for (const to of [
    "/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/.\\/evil.example", "/.//evil.example",
    "//evil.example", "/%2F/evil.example", "/%5Cevil.example", "/\uff0f/evil.example", "javascript:alert(1)",
    "/javascript:alert(1)", "https://evil.example", " /evil", "/%", "/x\r\nSet-Cookie: a=b",
  ]) {
    expect(safeRedirect(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
  }
  expect(safeRedirect(null)).toBe("/learning");
  expect(safeRedirect("/courses/tin-hoc?tab=2#bai-1")).toBe("/courses/tin-hoc?tab=2#bai-1");
  expect(safeRedirect("/reports?q=ti%E1%BA%BFng")).toBe("/reports?q=ti%E1%BA%BFng");
  expect(safeRedirect("/a/./b/../c")).toBe("/a/c");
});
