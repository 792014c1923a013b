import { expect, test } from "vitest";
import { containsAll, highlight, snippet } from "../../../app/learning/search-match";
import { searchTerms } from "../../../app/platform/text";

const marks = (m: ReturnType<typeof highlight>) => (m ?? []).filter((r) => r.mark).map((r) => r.text);
const joined = (m: ReturnType<typeof highlight>) => (m ?? []).map((r) => r.text).join("");

test("a query typed without diacritics marks the words as written, with their diacritics", () => {
  const title = "Trí tuệ nhân tạo trong dịch vụ thư viện";
  const marked = highlight(title, searchTerms("tri tue dich vu"));
  expect(marks(marked)).toEqual(["Trí", "tuệ", "dịch", "vụ"]);
  expect(joined(marked)).toBe(title);
});

test("đ folds to d, case is ignored, and decomposed (NFD) text is marked whole", () => {
  expect(marks(highlight("Đánh giá dữ liệu", searchTerms("DANH GIA")))).toEqual(["Đánh", "giá"]);
  const nfd = "Dữ liệu lớn".normalize("NFD");
  expect(marks(highlight(nfd, searchTerms("du lieu")))).toEqual(["Dữ".normalize("NFD"), "liệu".normalize("NFD")]);
});

test("no occurrence gives null; containsAll needs every term", () => {
  expect(highlight("Big data", searchTerms("chatbot"))).toBeNull();
  expect(containsAll("Trí tuệ nhân tạo", searchTerms("tri tue"))).toBe(true);
  expect(containsAll("Trí tuệ nhân tạo", searchTerms("tri chatbot"))).toBe(false);
  expect(containsAll("anything", [])).toBe(false);
});

test("a snippet is a short passage around the first match, cut at spaces and marked", () => {
  const text = `${"mở đầu ".repeat(40)}Thư viện dùng chatbot để trả lời câu hỏi thường gặp ${"kết thúc ".repeat(40)}`;
  const cutText = snippet(text, searchTerms("chatbot"), 40)!;
  expect(cutText[0]).toEqual({ text: "…", mark: false });
  expect(cutText.at(-1)).toEqual({ text: "…", mark: false });
  expect(marks(cutText)).toEqual(["chatbot"]);
  const body = joined(cutText);
  expect(body.length).toBeLessThan(110);
  expect(body).toMatch(/^… ?\S/);
  expect(snippet("short text", searchTerms("nothing"))).toBeNull();
  expect(joined(snippet("chatbot here", searchTerms("chatbot")))).toBe("chatbot here");
});
