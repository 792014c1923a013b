import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readCompetences, type CompetenceCatalogue } from "./competences.server";
import { KEBAB_SLUG } from "./content-files.server";
import { COURSE_LEVELS, COURSE_TOPICS, type CourseLevel, type CourseTopic, type Lang } from "./schema";

// npm run content:new — creates a draft course folder that passes content:check as it is:
// course.vi.mdx (all metadata, published: false), course.en.mdx and a first lesson in both
// languages, filled with template text telling the trainer what to write where.
// Pure logic only (validation, file contents, writing); scripts/content-new.ts is the CLI.

export type CourseScaffoldInput = {
  slug: string;
  titleVi: string;
  titleEn: string;
  topic: string;
  /** Default "beginner". */
  level?: string;
  /** The trainer responsible for the course. */
  owner: string;
  /** Default 60. A string is parsed (it comes from a flag or a prompt). */
  minutes?: number | string;
};

export type CourseScaffold = {
  slug: string;
  titleVi: string;
  titleEn: string;
  topic: CourseTopic;
  level: CourseLevel;
  owner: string;
  minutes: number;
};

export type CompetenceTarget = { id: string; level: number };
export type ScaffoldFile = { name: string; text: string };
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };
export type ScaffoldResult = { ok: true; dir: string; files: string[] } | { ok: false; errors: string[] };

export const DEFAULT_LEVEL: CourseLevel = "beginner";
export const DEFAULT_MINUTES = 60;
export const FIRST_LESSON = "01-introduction";
const FIRST_LESSON_MINUTES = 10;

/** A sensible first competence per topic; any other topic falls back to the catalogue's first. */
const TOPIC_COMPETENCE: Partial<Record<CourseTopic, string>> = { ai: "6.1", data: "1.3", "digital-services": "2.1" };
/** Target level in the middle of each band: Foundation 1–2, Intermediate 3–4, Advanced 5–6. */
const LEVEL_TARGET: Record<CourseLevel, number> = { beginner: 2, intermediate: 4, advanced: 6 };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(error: string): Read<T> => ({ ok: false, error });
const show = (value: string) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------------
// Validation, one value at a time (the CLI re-asks a single value when it is wrong)

/** Lowercase ASCII words joined by single hyphens: the course's folder name, address and identity. */
export function readSlug(raw: string): Read<string> {
  const slug = raw.trim();
  if (KEBAB_SLUG.test(slug)) return ok(slug);
  const suggestion = suggestSlug(slug);
  const hint = suggestion && suggestion !== slug ? `, e.g. ${show(suggestion)}` : ", e.g. \"opac-basics\"";
  return fail(
    slug === ""
      ? "missing course slug: give the folder name, e.g. \"opac-basics\""
      : `invalid course slug ${show(slug)}: use lowercase ASCII letters and digits in words joined by single hyphens, with no Vietnamese letters, spaces or capitals${hint}`,
  );
}

/** "Khoá học AI" → "khoa-hoc-ai": a valid slug close to what was typed, or "" if none. */
export function suggestSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Trimmed and in NFC (precomposed Vietnamese, as the authoring guide asks); one line of text. */
export function readTitle(raw: string, lang: Lang): Read<string> {
  const title = raw.normalize("NFC").trim();
  const which = lang === "vi" ? "Vietnamese" : "English";
  if (title === "") return fail(`missing ${which} title`);
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(title)) return fail(`the ${which} title must be one line of text without control characters`);
  return ok(title);
}

export function readTopic(raw: string): Read<CourseTopic> {
  const topic = raw.trim();
  return (COURSE_TOPICS as readonly string[]).includes(topic)
    ? ok(topic as CourseTopic)
    : fail(`invalid topic ${show(topic)}: use one of ${COURSE_TOPICS.join(", ")}`);
}

export function readLevel(raw: string): Read<CourseLevel> {
  const level = raw.trim();
  return (COURSE_LEVELS as readonly string[]).includes(level)
    ? ok(level as CourseLevel)
    : fail(`invalid level ${show(level)}: use one of ${COURSE_LEVELS.join(", ")}`);
}

/** Checked with the same rule as `owners` in the course schema; stored lowercase, as the app compares it. */
export function readOwner(raw: string): Read<string> {
  const owner = raw.trim().toLowerCase();
  return z.email().safeParse(owner).success
    ? ok(owner)
    : fail(`invalid owner email ${show(raw.trim())}: give the trainer's address, e.g. trainer@library.example`);
}

export function readMinutes(raw: number | string): Read<number> {
  const text = String(raw).trim();
  const minutes = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(minutes) && minutes > 0
    ? ok(minutes)
    : fail(`invalid estimated minutes ${show(text)}: use a whole number greater than 0`);
}

/** Every value checked; all errors at once. */
export function parseScaffoldInput(input: CourseScaffoldInput): { ok: true; value: CourseScaffold } | { ok: false; errors: string[] } {
  const slug = readSlug(input.slug);
  const titleVi = readTitle(input.titleVi, "vi");
  const titleEn = readTitle(input.titleEn, "en");
  const topic = readTopic(input.topic);
  const level = readLevel(input.level ?? DEFAULT_LEVEL);
  const owner = readOwner(input.owner);
  const minutes = readMinutes(input.minutes ?? DEFAULT_MINUTES);
  if (slug.ok && titleVi.ok && titleEn.ok && topic.ok && level.ok && owner.ok && minutes.ok) {
    return {
      ok: true,
      value: {
        slug: slug.value,
        titleVi: titleVi.value,
        titleEn: titleEn.value,
        topic: topic.value,
        level: level.value,
        owner: owner.value,
        minutes: minutes.value,
      },
    };
  }
  const errors = [slug, titleVi, titleEn, topic, level, owner, minutes].flatMap((r) => (r.ok ? [] : [r.error]));
  return { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------
// The course folder

export function courseFolder(contentDir: string, slug: string): string {
  return path.join(path.resolve(contentDir), "courses", slug);
}

/** Refuses a slug whose folder exists already (renaming or reusing a course changes its identity). */
export function checkFolderFree(contentDir: string, slug: string, rootDir = process.cwd()): string | null {
  const dir = courseFolder(contentDir, slug);
  return existsSync(dir) ? folderError(Object.assign(new Error("exists"), { code: "EEXIST" }), dir, rootDir) : null;
}

function folderError(error: unknown, dir: string, rootDir: string): string {
  const shown = displayPath(dir, rootDir);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EEXIST") return `${shown} already exists: choose another slug (the folder name is the course's identity)`;
  if (code === "ENOENT") return `${displayPath(path.dirname(dir), rootDir)} does not exist: is --content-dir the content folder?`;
  return `cannot create ${shown}: ${(error as Error).message}`;
}

/** The competence the draft starts with: a real id of the catalogue, at the course level's band. */
export function pickCompetence(catalogue: CompetenceCatalogue, topic: CourseTopic, level: CourseLevel): CompetenceTarget | null {
  const preferred = TOPIC_COMPETENCE[topic];
  const competence = (preferred && catalogue.byId.get(preferred)) || catalogue.competences[0];
  return competence ? { id: competence.id, level: LEVEL_TARGET[level] } : null;
}

/** A YAML double-quoted scalar: JSON strings are valid YAML, so quotes, colons and # survive. */
export function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** The four files of a new course, in writing order. */
export function renderCourseFiles(course: CourseScaffold, competence: CompetenceTarget): ScaffoldFile[] {
  const lessonMinutes = Math.min(FIRST_LESSON_MINUTES, course.minutes);
  return [
    {
      name: "course.vi.mdx",
      text: `---
title: ${yamlString(course.titleVi)}
summary: "Tóm tắt khóa học trong một hoặc hai câu (tối đa 300 ký tự): khóa học dành cho ai và giúp họ làm được gì."
topic: ${course.topic}
level: ${course.level}
estimatedMinutes: ${course.minutes}
competences:
  - { id: ${yamlString(competence.id)}, level: ${competence.level} }
owners: [${yamlString(course.owner)}]
published: false
---

{/* Bản nháp do npm run content:new tạo. Thay mọi đoạn hướng dẫn bằng nội dung thật (cả phần summary ở trên),
    chọn đúng năng lực số trong content/competences.yaml, rồi chạy npm run content:check.
    Chỉ đổi thành published: true khi khóa học đã sẵn sàng cho học viên. */}

Viết ở đây một đoạn giới thiệu ngắn: khóa học giải quyết nhu cầu gì trong công việc của cán bộ thư viện.

## Khóa học dành cho ai

Mô tả người học: vị trí công việc, kiến thức cần có trước khi học và những gì không cần biết trước.

## Bạn sẽ học được gì

- Viết mỗi mục tiêu học tập thành một dòng, bắt đầu bằng một động từ: tìm, đánh giá, hướng dẫn…
- Ba đến năm mục tiêu là vừa đủ.
`,
    },
    {
      name: "course.en.mdx",
      text: `---
title: ${yamlString(course.titleEn)}
summary: "Summarise the course in one or two sentences (at most 300 characters): who it is for and what it helps them do."
---

{/* Draft created by npm run content:new. Translate the Vietnamese overview here, replacing every instruction. */}

Write a short introduction here: which need in library staff's work this course answers.

## Who this course is for

Describe the learners: their role, what they should know before starting and what they do not need to know.

## What you will learn

- Write each learning goal on its own line, starting with a verb: find, evaluate, guide…
- Three to five goals are enough.
`,
    },
    {
      name: `${FIRST_LESSON}.vi.mdx`,
      text: `---
title: "Giới thiệu"
minutes: ${lessonMinutes}
summary: "Một câu tóm tắt nội dung bài học."
---

<Objectives>

- Viết hai đến bốn mục tiêu, mỗi mục bắt đầu bằng một động từ: tìm, đánh giá, hướng dẫn…
- Mỗi mục tiêu là việc học viên làm được sau bài học.

</Objectives>

Mở đầu bài học bằng một đoạn ngắn: bài học giúp giải quyết tình huống nào trong công việc hằng ngày, và sau bài học học viên sẽ làm được gì.

## Nội dung chính

Viết phần nội dung thứ nhất ở đây. Dùng tiêu đề cấp hai cho mỗi phần và cấp ba cho các mục nhỏ; không lặp lại tên bài, vì trang đã hiển thị tên bài ở trên cùng.

<Callout type="tip" title="Gợi ý cho người soạn">

Dùng khung này cho một mẹo, lưu ý hoặc cảnh báo quan trọng: chọn type là note, tip hoặc warning. Xóa khung nếu bài không cần.

</Callout>

<Exercise title="Tên bài tập thực hành">

Mô tả một việc học viên làm ở thư viện của mình, kèm sản phẩm cần nộp.

<ModelAnswer>

Viết một đáp án mẫu ngắn, hoặc thay khung này bằng \`<Rubric>\` với các tiêu chí đánh giá.

</ModelAnswer>

</Exercise>

<KeyTakeaways>

- Tóm tắt ý chính thứ nhất của bài học trong một câu.
- Thêm hai đến bốn ý chính nữa, mỗi ý một dòng.

</KeyTakeaways>
`,
    },
    {
      name: `${FIRST_LESSON}.en.mdx`,
      text: `---
title: "Introduction"
minutes: ${lessonMinutes}
summary: "One sentence that sums up the lesson."
---

<Objectives>

- Write two to four objectives, each starting with a verb: find, evaluate, guide…
- Each objective is something learners can do after the lesson.

</Objectives>

Open the lesson with a short paragraph: which everyday situation at work it helps with, and what learners will be able to do afterwards.

## Main content

Write the first section here. Use a second-level heading for each section and a third-level one for sub-sections; do not repeat the lesson title, which the page already shows at the top.

<Callout type="tip" title="Tip for authors">

Use this box for one important tip, note or warning: set type to note, tip or warning. Delete the box if the lesson does not need it.

</Callout>

<Exercise title="Name of the practical exercise">

Describe a task learners do in their own library, and what they hand in.

<ModelAnswer>

Write a short model answer, or replace this box with a \`<Rubric>\` listing the criteria.

</ModelAnswer>

</Exercise>

<KeyTakeaways>

- Sum up the first key point of the lesson in one sentence.
- Add two to four more key points, one per line.

</KeyTakeaways>
`,
    },
  ];
}

/**
 * Validates the input and writes the course folder under `<contentDir>/courses/<slug>`.
 * Never overwrites: an existing folder is refused, and a failed write removes the new folder.
 * `rootDir` only sets how paths appear in messages.
 */
export function scaffoldCourse(input: CourseScaffoldInput, contentDir: string, options: { rootDir?: string } = {}): ScaffoldResult {
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const parsed = parseScaffoldInput(input);
  if (!parsed.ok) return parsed;
  const course = parsed.value;

  const contentRoot = path.resolve(contentDir);
  const competences = readCompetences(contentRoot);
  if (!competences.ok) {
    return {
      ok: false,
      errors: [`cannot read ${displayPath(path.join(contentRoot, "competences.yaml"), rootDir)} (${competences.problems[0]?.message ?? "invalid"}): is --content-dir the content folder?`],
    };
  }
  const competence = pickCompetence(competences.catalogue, course.topic, course.level);
  if (!competence) return { ok: false, errors: ["competences.yaml lists no competences"] };

  const files = renderCourseFiles(course, competence);
  const dir = courseFolder(contentRoot, course.slug);
  try {
    mkdirSync(path.dirname(dir), { recursive: true });
    mkdirSync(dir); // fails with EEXIST rather than writing into an existing course
  } catch (error) {
    return { ok: false, errors: [folderError(error, dir, rootDir)] };
  }
  try {
    for (const file of files) writeFileSync(path.join(dir, file.name), file.text, { encoding: "utf8", flag: "wx" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, errors: [`cannot write ${displayPath(dir, rootDir)}: ${(error as Error).message}`] };
  }
  return { ok: true, dir, files: files.map((f) => f.name) };
}

export function displayPath(abs: string, rootDir: string): string {
  const rel = path.relative(rootDir, abs);
  return (rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join("/");
}
