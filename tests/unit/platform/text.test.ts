import { expect, test } from "vitest";
import { escapeHtml } from "../../../app/platform/text";

test("escapeHtml turns & < > \" ' into numeric references and leaves the rest", () => {
  expect(escapeHtml(`a & b < c > d "e" 'f'`)).toBe("a &#38; b &#60; c &#62; d &#34;e&#34; &#39;f&#39;");
  expect(escapeHtml("&amp;")).toBe("&#38;amp;");
  expect(escapeHtml("Tiếng Việt · 90 phút")).toBe("Tiếng Việt · 90 phút");
  expect(escapeHtml("")).toBe("");
});
