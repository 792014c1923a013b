// npm run content:new -- <slug> — creates a draft course folder (course.vi/en.mdx and a first lesson)
// that passes content:check. Asks for missing values on a terminal; otherwise every required value
// must come as a flag. Exit code 1 on any refusal; nothing is written unless everything is valid.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import {
  checkFolderFree,
  DEFAULT_LEVEL,
  DEFAULT_MINUTES,
  displayPath,
  readLevel,
  readMinutes,
  readOwner,
  readSlug,
  readTitle,
  readTopic,
  scaffoldCourse,
  type CourseScaffoldInput,
  type Read,
} from "../app/content/scaffold.server";
import { COURSE_LEVELS, COURSE_TOPICS } from "../app/content/schema";

const USAGE = `Usage: npm run content:new -- <slug> [options]

  <slug>               course folder name: lowercase ASCII words joined by -, e.g. opac-basics
  --title-vi <text>    Vietnamese course title (required)
  --title-en <text>    English course title (required)
  --topic <topic>      ${COURSE_TOPICS.join(" | ")} (required)
  --level <level>      ${COURSE_LEVELS.join(" | ")} (default ${DEFAULT_LEVEL})
  --owner <email>      trainer responsible for the course (required)
  --minutes <n>        estimated minutes for the whole course (default ${DEFAULT_MINUTES})
  --content-dir <dir>  content folder (default content)

On a terminal, missing values are asked for; otherwise they must all be given as flags.`;

type Key = keyof CourseScaffoldInput;
type Field = { key: Key; flag: string; prompt: string; read: (raw: string) => Read<unknown>; fallback?: string };

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        "title-vi": { type: "string" },
        "title-en": { type: "string" },
        topic: { type: "string" },
        level: { type: "string" },
        owner: { type: "string" },
        minutes: { type: "string" },
        "content-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown) {
      return refuse(`unknown option ${unknown} (see --help)${unknown.startsWith("--") ? "" : "; a course slug cannot start with -"}`);
    }
    return refuse(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    return refuse(`expected one course slug, got ${positionals.length} (${positionals.join(" ")}): put titles in quotes`);
  }
  const contentDir = values["content-dir"] ?? "content";

  const fields: Field[] = [
    {
      key: "slug",
      flag: "<slug>",
      prompt: "Course slug / Tên định danh (e.g. opac-basics): ",
      read: (raw) => {
        const slug = readSlug(raw);
        const taken = slug.ok ? checkFolderFree(contentDir, slug.value) : null;
        return taken ? { ok: false, error: taken } : slug;
      },
    },
    { key: "titleVi", flag: "--title-vi", prompt: "Vietnamese title / Tên khóa học tiếng Việt: ", read: (raw) => readTitle(raw, "vi") },
    { key: "titleEn", flag: "--title-en", prompt: "English title / Tên khóa học tiếng Anh: ", read: (raw) => readTitle(raw, "en") },
    { key: "topic", flag: "--topic", prompt: `Topic / Chủ đề (${COURSE_TOPICS.join(", ")}): `, read: readTopic },
    {
      key: "level",
      flag: "--level",
      prompt: `Level / Trình độ (${COURSE_LEVELS.join(", ")}) [${DEFAULT_LEVEL}]: `,
      read: readLevel,
      fallback: DEFAULT_LEVEL,
    },
    { key: "owner", flag: "--owner", prompt: "Trainer email / Email người phụ trách: ", read: readOwner },
    {
      key: "minutes",
      flag: "--minutes",
      prompt: `Estimated minutes / Thời lượng (phút) [${DEFAULT_MINUTES}]: `,
      read: readMinutes,
      fallback: String(DEFAULT_MINUTES),
    },
  ];
  const given: Partial<Record<Key, string>> = {
    slug: positionals[0],
    titleVi: values["title-vi"],
    titleEn: values["title-en"],
    topic: values.topic,
    level: values.level,
    owner: values.owner,
    minutes: values.minutes,
  };

  // Wrong flags are refused before asking anything.
  for (const field of fields) {
    const raw = given[field.key];
    if (raw === undefined) continue;
    const read = field.read(raw);
    if (!read.ok) return refuse(read.error);
  }

  const missing = fields.filter((f) => given[f.key] === undefined);
  if (missing.length > 0 && !process.stdin.isTTY) {
    const required = missing.filter((f) => f.fallback === undefined);
    if (required.length > 0) {
      return refuse(`missing ${required.map((f) => f.flag).join(", ")} (stdin is not a terminal, so give every value on the command line; see --help)`);
    }
  } else if (missing.length > 0) {
    const answers = await ask(missing);
    if (!answers) return refuse("cancelled: nothing was created");
    Object.assign(given, answers);
  }

  const result = scaffoldCourse(
    {
      slug: given.slug ?? "",
      titleVi: given.titleVi ?? "",
      titleEn: given.titleEn ?? "",
      topic: given.topic ?? "",
      level: given.level,
      owner: given.owner ?? "",
      minutes: given.minutes,
    },
    contentDir,
  );
  if (!result.ok) return refuse(result.errors.join("; "));

  console.log(`content:new: created ${displayPath(result.dir, process.cwd())}/ as a draft (published: false):`);
  for (const file of result.files) console.log(`  ${file}`);
  console.log("Next: replace the template text, check the competences against competences.yaml, then run npm run content:check.");
  return 0;
}

/** Asks each missing value until it is valid; an empty answer takes the default. null = cancelled (Ctrl+C / Ctrl+D). */
async function ask(fields: Field[]): Promise<Partial<Record<Key, string>> | null> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new Promise<null>((resolve) => rl.once("close", () => resolve(null)));
  rl.on("SIGINT", () => rl.close());
  const answers: Partial<Record<Key, string>> = {};
  try {
    for (const field of fields) {
      for (;;) {
        const answer = await Promise.race([rl.question(field.prompt).catch(() => null), closed]);
        if (answer === null) {
          process.stdout.write("\n");
          return null;
        }
        const raw = answer.trim() === "" && field.fallback !== undefined ? field.fallback : answer;
        const read = field.read(raw);
        if (read.ok) {
          answers[field.key] = raw;
          break;
        }
        console.log(`  ${read.error}`);
      }
    }
    return answers;
  } finally {
    rl.close();
  }
}

function refuse(message: string): number {
  console.error(`content:new: ${message}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
