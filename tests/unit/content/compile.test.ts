import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { compileContentFile, type CompileInput } from "../../../app/content/compile.server";
import { svgSize } from "../../../app/content/remark-validate.server";

function makeCourseDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "skillshelf-compile-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, "images"));
  writeFileSync(
    path.join(dir, "images/flow.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200" viewBox="0 0 640 200"><text x="10" y="20">Flow</text></svg>',
  );
  return dir;
}

// Every lesson opens with objectives and has an exercise with a model answer (content/README.md §6);
// OBJECTIVES puts the body's first line at line 13.
const OBJECTIVES = "<Objectives>\n\n- Mục tiêu một\n- Mục tiêu hai\n\n</Objectives>\n\n";
const EXERCISE = '\n\n<Exercise title="Thử">\n\nLàm.\n\n<ModelAnswer>\n\nĐáp án.\n\n</ModelAnswer>\n\n</Exercise>';

function lesson(body: string, frontmatter = 'title: "Bài thử"\nminutes: 10', parts = { objectives: OBJECTIVES, exercise: EXERCISE }): string {
  return `---\n${frontmatter}\n---\n\n${parts.objectives}${body}${parts.exercise}\n`;
}

async function compile(source: string, overrides: Partial<CompileInput> = {}) {
  return compileContentFile({
    file: "content/courses/demo/01-demo.vi.mdx",
    source,
    courseDir: overrides.courseDir ?? makeCourseDir(),
    courseSlug: "demo",
    lang: "vi",
    kind: "lesson",
    tokenSecret: "test-secret",
    ...overrides,
  });
}

async function compiled(source: string, overrides: Partial<CompileInput> = {}) {
  const outcome = await compile(source, overrides);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.compiled;
}

const html = (c: { segments: { kind: string; html?: string }[] }) => c.segments.map((s) => s.html ?? "").join("");

test("components render accessible static HTML with labels in the lesson's language", async () => {
  const source = lesson(`Mở đầu với <Term def="Dữ liệu mô tả dữ liệu khác">siêu dữ liệu</Term>.

<Callout type="tip">

Nội dung **mẹo**.

</Callout>

<Figure src="images/flow.svg" alt="Sơ đồ quy trình" caption="Quy trình mẫu" />

<Exercise title="Làm thử">

<Steps>

1. Bước một
2. Bước hai

</Steps>

<Rubric>

- Đủ hai bước

</Rubric>

<ModelAnswer>

Làm bước một rồi bước hai.

</ModelAnswer>

</Exercise>

<KeyTakeaways>

- Ý thứ nhất

</KeyTakeaways>`);
  const out = html(await compiled(source));
  expect(out).toContain('<div role="note" class="callout callout-tip');
  expect(out).toContain('<strong class="callout-label">Mẹo</strong>');
  expect(out).toMatch(/<figure class="lesson-figure[^"]*"><img src="\/content\/demo\/images\/flow.svg" alt="Sơ đồ quy trình" width="640" height="200" loading="lazy"/);
  expect(out).toContain("<figcaption>Quy trình mẫu</figcaption>");
  expect(out).toMatch(/<dfn tabindex="0" aria-describedby="(term-\d+)">siêu dữ liệu<\/dfn>.*<span class="sr-only" id="\1"> \(Dữ liệu mô tả dữ liệu khác\)<\/span>/);
  expect(out).toContain('<p class="exercise-label">Bài tập thực hành</p>');
  expect(out).toMatch(/<div class="steps"><ol>/);
  expect(out).toMatch(/<h2 id="takeaways-\d+" class="key-takeaways-title">Ý chính<\/h2>/);
  expect(out).toMatch(/^<section aria-labelledby="(objectives-\d+)" class="objectives[^"]*"><h2 id="\1" class="objectives-title">Mục tiêu bài học<\/h2><ul>\s*<li>Mục tiêu một<\/li>/);
  expect(out).toMatch(/<section aria-labelledby="(rubric-\d+)" class="rubric"><h4 id="\1" class="rubric-title">Tiêu chí đánh giá<\/h4>/);
  expect(out).toContain('<details class="model-answer"><summary>Gợi ý đáp án</summary>');

  const en = html(await compiled(source, { lang: "en" }));
  expect(en).toContain('<strong class="callout-label">Tip</strong>');
  expect(en).toContain("Practical exercise");
  expect(en).toContain("Key takeaways");
  expect(en).toContain('class="objectives-title">Learning objectives</h2>');
  expect(en).toContain("<summary>Model answer</summary>");
  expect(en).toContain('class="rubric-title">Rubric</h4>');
});

test("Video gets controls, metadata preload and a default captions track", async () => {
  const dir = makeCourseDir();
  mkdirSync(path.join(dir, "media"));
  writeFileSync(path.join(dir, "media/intro.mp4"), "fake");
  writeFileSync(path.join(dir, "media/intro.vtt"), "WEBVTT");
  const out = html(await compiled(lesson('<Video src="media/intro.mp4" captions="media/intro.vtt" title="Giới thiệu" />'), { courseDir: dir }));
  expect(out).toContain('<video controls="" preload="metadata" src="/content/demo/media/intro.mp4"');
  expect(out).toContain('<track kind="captions" src="/content/demo/media/intro.vtt" srcLang="vi" label="Tiếng Việt" default=""/>');
});

test("links to sibling lessons become absolute; toc lists h2 and h3 with their slugs", async () => {
  const c = await compiled(lesson("## Phần một\n\nXem [bài 2](./second-lesson#muc) hoặc www.nlv.gov.vn.\n\n### Chi tiết\n\n#### Không vào mục lục"));
  expect(html(c)).toContain('<a href="/courses/demo/second-lesson#muc">bài 2</a>');
  expect(c.toc).toEqual([
    { id: "phần-một", text: "Phần một", depth: 2 },
    { id: "chi-tiết", text: "Chi tiết", depth: 3 },
  ]);
  expect(c.links).toEqual([{ href: "./second-lesson#muc", line: 15 }]);
});

test("a quiz is lifted out: the HTML is split at its place and the key stays server-side", async () => {
  const c = await compiled(
    lesson(`Trước.

<Quiz id="check" title="Kiểm tra" passMark={60} attempts={0}>

<Question id="q1" type="single" points={2}>
Chọn **một** đáp án.
<Choice id="a">Sai</Choice>
<Choice id="b" correct>Đúng</Choice>
<Choice id="c">Cũng sai</Choice>
<Explanation>Vì b đúng.</Explanation>
</Question>

<Question id="q2" type="ordering">
Sắp xếp.
<Item id="i1">Đầu</Item>
<Item id="i2">Giữa</Item>
<Item id="i3">Cuối</Item>
</Question>

<Question id="q3" type="numeric" answer={25} tolerance={0.5}>
Bao nhiêu?
</Question>

</Quiz>

Sau.`),
  );
  expect(c.segments.map((s) => s.kind)).toEqual(["html", "quiz", "html"]);
  expect(c.segments[1]).toEqual({ kind: "quiz", quizId: "check" });
  expect(html(c)).not.toContain("Vì b đúng");

  const [key] = c.answerKeys;
  expect(key).toMatchObject({ id: "check", graded: false, passMark: 60, attempts: null, pool: null, showAnswers: "after-attempt", line: 15 });
  expect(key?.questions[0]).toMatchObject({
    type: "single",
    points: 2,
    prompt: "Chọn một đáp án.",
    promptHtml: "Chọn <strong>một</strong> đáp án.",
    explanation: "Vì b đúng.",
    choices: [
      { id: "a", text: "Sai", correct: false },
      { id: "b", text: "Đúng", correct: true },
      { id: "c", text: "Cũng sai", correct: false },
    ],
  });
  expect(key?.questions[2]).toMatchObject({ type: "numeric", answer: 25, tolerance: 0.5, points: 1 });

  const [publicQuiz] = c.quizzes;
  expect(JSON.stringify(publicQuiz)).not.toMatch(/correct|explanation|Vì b đúng|"answer"|tolerance|i1|i2|i3/);
  const ordering = publicQuiz?.questions[1];
  if (ordering?.type !== "ordering") throw new Error("expected an ordering question");
  const ids = ordering.items.map((i) => i.id);
  expect(ids).toEqual([...ids].sort());
  const keyOrdering = key?.questions[1];
  if (keyOrdering?.type !== "ordering") throw new Error("expected an ordering key");
  expect(keyOrdering.items.map((i) => i.id)).toEqual(["i1", "i2", "i3"]);
  expect(new Set(ids)).toEqual(new Set(keyOrdering.items.map((i) => i.publicId)));
});

test("practice checks shuffle by default, graded quizzes do not, an explicit setting wins; questions may name their lesson", async () => {
  const quiz = (id: string, attrs: string) =>
    `<Quiz id="${id}" title="Q" passMark={50} ${attrs}>\n\n<Question id="q1" type="true-false" answer={true} lesson="2">\nĐúng?\n</Question>\n\n<Question id="q2" type="true-false" answer={false} lesson="kinds-of-data">\nSai?\n</Question>\n\n</Quiz>`;
  const c = await compiled(lesson([quiz("practice", ""), quiz("final", "graded"), quiz("fixed", "shuffle={false}"), quiz("mixed", "graded shuffle")].join("\n\n")));
  expect(c.answerKeys.map((q) => [q.id, q.shuffle])).toEqual([
    ["practice", true],
    ["final", false],
    ["fixed", false],
    ["mixed", true],
  ]);
  expect(c.answerKeys[0]?.questions.map((q) => q.lesson)).toEqual(["2", "kinds-of-data"]);
  const bad = await compile(lesson('<Quiz id="x" title="Q" passMark={50}>\n\n<Question id="q1" type="true-false" answer={true} lesson="Bài 2">\nĐúng?\n</Question>\n\n</Quiz>'));
  if (bad.ok) throw new Error("expected a problem");
  expect(bad.problems.map((p) => p.message)).toEqual(['<Question> attribute "lesson": must be a lesson number or slug', 'quiz "x" has no questions']);
});

test("problems carry the line in the .mdx file, frontmatter included", async () => {
  const outcome = await compile(
    lesson('Đoạn một.\n\n<Callout type="danger">\n\nx\n\n</Callout>\n\n<Figure src="images/missing.svg" alt="x" />', 'title: "T"\nminutes: 0\ncolour: red'),
  );
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
    "3: frontmatter.minutes: Too small: expected number to be >0",
    '4: frontmatter: unknown field "colour"',
  ]);

  const body = await compile(lesson('Đoạn một.\n\n<Callout type="danger">\n\nx\n\n</Callout>\n\n<Figure src="images/missing.svg" alt="x" />'));
  if (body.ok) throw new Error("expected problems");
  expect(body.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
    '15: <Callout> attribute "type": Invalid option: expected one of "note"|"tip"|"warning"',
    "21: file not found: images/missing.svg",
  ]);
});

test("lessons may not import, run code or use unknown HTML", async () => {
  const outcome = await compile(lesson('import x from "y"\n\nHai {1 + 1}.\n\n<script>alert(1)</script>\n\n{/* a comment is fine */}'));
  if (outcome.ok) throw new Error("expected problems");
  expect(outcome.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
    "13: import/export is not allowed: components are available without import",
    "15: JavaScript expressions {…} are not allowed in lessons (comments {/* */} are)",
    "17: raw HTML <script> is not allowed; use Markdown or a lesson component",
  ]);
});

test("a lesson opens with 2–4 objectives and has an exercise with a model answer or rubric", async () => {
  const problemsOf = async (source: string) => {
    const outcome = await compile(source);
    return outcome.ok ? [] : outcome.problems.map((p) => `${p.line}: ${p.message}`);
  };
  expect(await problemsOf(lesson("Nội dung.", undefined, { objectives: "", exercise: "" }))).toEqual([
    "6: the lesson has no <Objectives>: start it with 2–4 learning objectives (content/README.md §6)",
    "6: the lesson has no <Exercise>: end it with a practical exercise and its <ModelAnswer> or <Rubric>",
  ]);
  // A comment before the objectives is fine; prose before them is not.
  expect(await problemsOf(lesson("Nội dung.", undefined, { objectives: `{/* ghi chú */}\n\n${OBJECTIVES}`, exercise: EXERCISE }))).toEqual([]);
  expect(await problemsOf(lesson(OBJECTIVES, undefined, { objectives: "Mở đầu.\n\n", exercise: EXERCISE }))).toEqual([
    "8: <Objectives> must be the first block after the frontmatter",
  ]);
  const objectives = (items: number) => `<Objectives>\n\n${Array.from({ length: items }, (_, i) => `- Mục tiêu ${i + 1}`).join("\n")}\n\n</Objectives>\n\n`;
  expect(await problemsOf(lesson("x", undefined, { objectives: objectives(1), exercise: EXERCISE }))).toEqual(["6: <Objectives> lists 1 objective: write 2 to 4"]);
  expect(await problemsOf(lesson("x", undefined, { objectives: objectives(5), exercise: EXERCISE }))).toEqual(["6: <Objectives> lists 5 objectives: write 2 to 4"]);
  expect(await problemsOf(lesson("x", undefined, { objectives: objectives(4), exercise: EXERCISE }))).toEqual([]);
  expect(await problemsOf(lesson("x", undefined, { objectives: "<Objectives>\n\nHọc tốt.\n\n</Objectives>\n\n", exercise: EXERCISE }))).toEqual([
    "6: <Objectives> holds one Markdown list (- …) and nothing else",
  ]);
  expect(await problemsOf(lesson('<Exercise title="Thử">\n\nLàm.\n\n</Exercise>\n\n<ModelAnswer>\n\nx\n\n</ModelAnswer>', undefined, { objectives: OBJECTIVES, exercise: "" }))).toEqual([
    "19: <ModelAnswer> belongs directly inside an <Exercise>",
    "13: <Exercise> needs a <ModelAnswer> or a <Rubric> inside it",
  ]);
  const rubricOnly = '\n\n<Exercise title="Thử">\n\nLàm.\n\n<Rubric>\n\n- Đúng hạn\n\n</Rubric>\n\n</Exercise>';
  expect(await problemsOf(lesson("x", undefined, { objectives: OBJECTIVES, exercise: rubricOnly }))).toEqual([]);
});

test("course overviews are validated with the course schemas and may not hold quizzes", async () => {
  const overview = `---
title: "Khóa"
summary: "Tóm tắt."
topic: ai
level: beginner
estimatedMinutes: 60
competences: [{ id: "6.1", level: 3 }]
owners: ["a@b.vn"]
published: true
validForMonths: 12
---

Tổng quan.
`;
  const c = await compiled(overview, { kind: "overview", file: "content/courses/demo/course.vi.mdx" });
  expect(c.frontmatter).toEqual({
    kind: "course",
    data: expect.objectContaining({ topic: "ai", validForMonths: 12, competences: [{ id: "6.1", level: 3 }] }),
  });
  const en = await compile(overview, { kind: "overview", lang: "en" });
  if (en.ok) throw new Error("course.en.mdx holds only title and summary");
  expect(en.problems.map((p) => p.message)).toContain('frontmatter: unknown field "topic"');
});

test("svgSize reads width/height, falling back to the viewBox", () => {
  expect(svgSize('<svg width="640px" height="360" viewBox="0 0 10 10">')).toEqual({ width: 640, height: 360 });
  expect(svgSize('<svg viewBox="0 0 800 450">')).toEqual({ width: 800, height: 450 });
  expect(svgSize("<svg>")).toBeNull();
});
