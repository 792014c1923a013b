import { expect, test } from "vitest";
import { cloudStep, containsLink, tallyChoices, tallyRating, tallyWords, wordKey } from "../../../app/live/tally";
import { normaliseCode, randomCode } from "../../../app/live/code";

test("choices: each voter counts once per choice they ticked; out-of-range choices are ignored", () => {
  const tally = tallyChoices(3, [{ choices: [0] }, { choices: [0, 2] }, { choices: [2, 2] }, { choices: [5] }]);
  expect(tally).toEqual({ counts: [2, 0, 2], voters: 4 });
});

test("rating: counts per step and the mean of valid values", () => {
  expect(tallyRating(5, [1, 5, 5, null, 9])).toEqual({ counts: [1, 0, 0, 0, 2], voters: 3, mean: 11 / 3 });
  expect(tallyRating(5, []).mean).toBeNull();
});

test("word cloud: case and Vietnamese diacritics folded for counting, shown in the most common spelling", () => {
  const words = tallyWords(["Tiện lợi", "tiện lợi", "tien loi", "Tiện lợi ", "TIỆN LỢI!", "Hiện đại", "hien dai", "Mở"]);
  expect(words).toEqual([
    { word: "Tiện lợi", count: 5 },
    { word: "Hiện đại", count: 2 },
    { word: "Mở", count: 1 },
  ]);
});

test("word cloud: decomposed input (a phone keyboard's NFD) is the same word, shown in NFC", () => {
  const nfd = "Thư viện".normalize("NFD");
  const words = tallyWords([nfd, nfd, "Thư viện"]);
  expect(words).toEqual([{ word: "Thư viện", count: 3 }]);
  expect(wordKey("Đọc sách")).toBe("doc sach");
  expect(tallyWords(["  ", "!!!"])).toEqual([]);
});

test("word cloud: distinct words stay apart (ma, má, mã fold together by design; 'mở' and 'mô' too)", () => {
  expect(tallyWords(["má", "mã", "ma"])).toHaveLength(1);
  expect(tallyWords(["sách", "số"])).toHaveLength(2);
});

test("cloud steps run from 1 to 5", () => {
  expect(cloudStep(1, 10)).toBe(1);
  expect(cloudStep(10, 10)).toBe(5);
  expect(cloudStep(1, 1)).toBe(3);
});

test("links are recognised in posts", () => {
  expect(containsLink("xem https://example.com")).toBe(true);
  expect(containsLink("vào www.thuvien.vn nhé")).toBe(true);
  expect(containsLink("trang thuvien.vn")).toBe(true);
  expect(containsLink("Làm sao tóm tắt tài liệu?")).toBe(false);
});

test("join codes: typed with spaces, dashes or lower case; look-alike letters refused", () => {
  expect(normaliseCode("tvq g25")).toBe("TVQG25");
  expect(normaliseCode("TVQ-G25")).toBe("TVQG25");
  expect(normaliseCode("TVQG2O")).toBeNull();
  expect(normaliseCode("ABC")).toBeNull();
  for (let i = 0; i < 50; i++) expect(normaliseCode(randomCode())).not.toBeNull();
});
