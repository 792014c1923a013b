import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { tempCourse } from "../../support/content-course";
import { checkContent } from "../../../app/content/check.server";
import { formatProblem } from "../../../app/content/problems";
import { normalisePrompt, positionBias, trueFalseBias } from "../../../app/content/quiz-quality.server";
import type { QuestionSpec } from "../../../app/content/schema";


const base = { points: 1, prompt: "p", promptHtml: "p", explanation: null, line: 1 };
const single = (id: string, correctAt: number): QuestionSpec => ({
  ...base,
  id,
  type: "single",
  choices: ["a", "b", "c", "d"].map((c, i) => ({ id: c, text: c, correct: i === correctAt })),
});
const tf = (id: string, answer: boolean): QuestionSpec => ({ ...base, id, type: "true-false", answer });

test("a correct choice at one position in more than half of ≥4 choice questions is reported", () => {
  expect(positionBias([single("1", 1), single("2", 1), single("3", 1), single("4", 0)])).toBe(
    "a correct choice is at position 2 (b) in 3 of 4 choice questions: vary where the right answer stands",
  );
  expect(positionBias([single("1", 1), single("2", 1), single("3", 0), single("4", 2)])).toBeNull(); // exactly half
  expect(positionBias([single("1", 1), single("2", 1), single("3", 1)])).toBeNull(); // too few to tell
  // Multiple choice with three right answers of four counts at every position it marks.
  const three: QuestionSpec = { ...base, id: "m", type: "multiple", partialCredit: false, choices: ["a", "b", "c", "d"].map((c, i) => ({ id: c, text: c, correct: i < 3 })) };
  expect(positionBias([three, { ...three, id: "m2" }, single("3", 3), single("4", 3)])).toBeNull();
  expect(positionBias([three, { ...three, id: "m2" }, { ...three, id: "m3" }, single("4", 3)])).toContain("position 1 (a) in 3 of 4");
});

test("true/false answers more than 70 % one way in ≥4 questions are reported", () => {
  expect(trueFalseBias([tf("1", false), tf("2", false), tf("3", false), tf("4", true)])).toBe("3 of 4 true/false answers are false: balance them");
  expect(trueFalseBias([tf("1", true), tf("2", true), tf("3", true), tf("4", true)])).toBe("4 of 4 true/false answers are true: balance them");
  expect(trueFalseBias([tf("1", true), tf("2", false), tf("3", true), tf("4", false)])).toBeNull();
  const seventy = [...Array.from({ length: 7 }, (_, i) => tf(`t${i}`, true)), tf("f1", false), tf("f2", false), tf("f3", false)];
  expect(trueFalseBias(seventy)).toBeNull(); // 70 % is the limit, not over it
  expect(trueFalseBias([tf("1", false), tf("2", false), tf("3", false)])).toBeNull();
});

test("prompts are compared without case, punctuation or spacing", () => {
  expect(normalisePrompt("  Mục LỤC trực tuyến, là gì? ")).toBe(normalisePrompt("mục lục trực tuyến là gì"));
  expect(normalisePrompt("OPAC là gì?")).not.toBe(normalisePrompt("OPAC không là gì?"));
});

test("a review lesson (review: true) need not be tested by the final; every other lesson still must", async () => {
  const { root, course } = tempCourse("review");
  const choice = (id: string, correct: string, lesson: string) =>
    `<Question id="${id}" type="single" lesson="${lesson}">\nCâu ${id}?\n${["a", "b", "c"].map((c) => `<Choice id="${c}"${c === correct ? " correct" : ""}>${c}</Choice>`).join("\n")}\n</Question>`;
  const lesson = (title: string, extra: string, body: string) =>
    `---\ntitle: "${title}"\nminutes: 5\n${extra}translationMissing: true\n---\n\n<Objectives>\n\n- Một\n- Hai\n\n</Objectives>\n\nNội dung.\n\n${body}\n\n<Exercise title="Thử">\n\nLàm.\n\n<ModelAnswer>\n\nx\n\n</ModelAnswer>\n\n</Exercise>\n`;
  writeFileSync(path.join(course, "01-first.vi.mdx"), lesson("Một", "", "Bài một."));
  writeFileSync(path.join(course, "02-second.vi.mdx"), lesson("Hai", "", "Bài hai."));
  const final = `<Quiz id="final" title="Q" passMark={50} graded>\n\n${choice("f1", "a", "1")}\n\n</Quiz>`;
  writeFileSync(path.join(course, "03-review.vi.mdx"), lesson("Ôn tập", "review: true\n", final));
  const problems = (await checkContent(path.join(root, "content"), { rootDir: root })).map(formatProblem);
  expect(problems).toEqual([`content/courses/review/03-review.vi.mdx:17: warning: graded quiz "final" has no question from lesson 2 (second)`]);
});

test("content:check warns about lopsided quizzes (each, and across the course), repeated questions and a final that misses lessons, without failing", async () => {
  const { root, course } = tempCourse("quality");
  const choice = (id: string, correct: string, lesson = "") =>
    `<Question id="${id}" type="single"${lesson}>\nCâu ${id}?\n${["a", "b", "c"].map((c) => `<Choice id="${c}"${c === correct ? " correct" : ""}>${c}</Choice>`).join("\n")}\n</Question>`;
  const truth = (id: string, answer: boolean, prompt = `Nhận định ${id}.`) => `<Question id="${id}" type="true-false" answer={${answer}}>\n${prompt}\n</Question>`;
  const lesson = (title: string, quiz: string) =>
    `---\ntitle: "${title}"\nminutes: 5\ntranslationMissing: true\n---\n\n<Objectives>\n\n- Một\n- Hai\n\n</Objectives>\n\nNội dung.\n\n${quiz}\n\n<Exercise title="Thử">\n\nLàm.\n\n<ModelAnswer>\n\nx\n\n</ModelAnswer>\n\n</Exercise>\n`;
  const quiz = (id: string, attrs: string, questions: string[]) => `<Quiz id="${id}" title="Q" passMark={50}${attrs}>\n\n${questions.join("\n\n")}\n\n</Quiz>`;
  writeFileSync(path.join(course, "01-first.vi.mdx"), lesson("Một", quiz("p1", "", [choice("c1", "b"), choice("c2", "b"), choice("c3", "b"), choice("c4", "a")])));
  writeFileSync(
    path.join(course, "02-second.vi.mdx"),
    lesson("Hai", quiz("p2", "", [truth("t1", false), truth("t2", false), truth("t3", false), truth("t4", false, "Câu C1 ?")])),
  );
  writeFileSync(
    path.join(course, "03-final.vi.mdx"),
    lesson("Ba", quiz("final", " graded", [choice("f1", "a", ' lesson="1"'), choice("f2", "b", ' lesson="first"'), choice("f3", "c", ' lesson="9"'), choice("f4", "a")])),
  );

  const problems = await checkContent(path.join(root, "content"), { rootDir: root });
  const dir = "content/courses/quality";
  expect(problems.map(formatProblem)).toEqual([
    `${dir}/01-first.vi.mdx:16: warning: quiz "p1": a correct choice is at position 2 (b) in 3 of 4 choice questions: vary where the right answer stands`,
    `${dir}/02-second.vi.mdx:16: warning: quiz "p2": 4 of 4 true/false answers are false: balance them`,
    `${dir}/02-second.vi.mdx:30: warning: quiz "p2", question "t4" repeats question "c1" (01-first.vi.mdx:18): ask something new`,
    `${dir}/03-final.vi.mdx:16: warning: graded quiz "final" has no question from lessons 2 (second), 3 (final)`,
    `${dir}/03-final.vi.mdx:16: warning: graded quiz "final": question f4 does not say which lesson it tests (add lesson="<number or slug>")`,
    `${dir}/03-final.vi.mdx:32: quiz "final", question "f3": lesson="9" is neither a lesson number nor a lesson slug of this course`,
    `${dir}/course.vi.mdx:1: warning: across the course's quizzes, 4 of 4 true/false answers are false: balance them`,
  ]);
}, 30_000);
