/**
 * content/programmes/<slug>.yaml: reading and validating programme files. Every problem names the file and
 * the line of the offending value (content:check prints them as `file:line: message`, like the courses').
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseYamlWithLines, validateFrontmatter } from "~/content/frontmatter.server";
import { sortProblems, type Problem } from "~/content/problems";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1);
const bilingual = z.strictObject({ vi: text, en: text.optional() });

const programmeFileSchema = z.strictObject({
  title: bilingual,
  description: bilingual,
  published: z.boolean().default(true),
  /** The "any N of" group: its courses are marked `optional: true`. */
  optional: z.strictObject({ pick: z.int().min(1), title: bilingual.optional() }).optional(),
  courses: z
    .array(
      z.strictObject({
        course: z.string().regex(SLUG, { error: "a course slug (lower case, digits and dashes)" }),
        optional: z.boolean().default(false),
        /** Courses of this programme to complete first. */
        after: z.array(z.string()).default([]),
      }),
    )
    .min(1),
});

export type ProgrammeSpec = {
  slug: string;
  file: string;
  hash: string;
  title: { vi: string; en?: string };
  description: { vi: string; en?: string };
  published: boolean;
  optional: { pick: number; title?: { vi: string; en?: string } } | null;
  courses: { slug: string; optional: boolean; after: string[] }[];
};

export function programmesDir(contentRoot: string) {
  return path.join(contentRoot, "programmes");
}

/**
 * Every programme file, validated against the course slugs that exist. Only valid programmes are returned
 * (a broken file is reported and, when synced, its last good version stays in the database).
 */
export function readProgrammes(contentRoot: string, rootDir: string, courseSlugs: readonly string[]) {
  const dir = programmesDir(contentRoot);
  const rel = (abs: string) => path.relative(rootDir, abs).split(path.sep).join("/");
  const programmes: ProgrammeSpec[] = [];
  const problems: Problem[] = [];
  /** The slug of every programme file, valid or not (a broken file must not unpublish its programme). */
  const present: string[] = [];
  if (!existsSync(dir)) return { programmes, problems, present };
  const known = new Set(courseSlugs);
  for (const name of readdirSync(dir).filter((n) => !n.startsWith(".")).sort()) {
    const file = rel(path.join(dir, name));
    if (!name.endsWith(".yaml")) {
      problems.push({ file, line: 1, message: "only <slug>.yaml programme files belong in content/programmes" });
      continue;
    }
    const slug = name.slice(0, -".yaml".length);
    present.push(slug);
    const source = readFileSync(path.join(dir, name), "utf8");
    const result = readProgramme(source, file, slug, known);
    if (result.ok) programmes.push(result.programme);
    else problems.push(...result.problems);
  }
  return { programmes, problems: sortProblems(problems), present };
}

/** One programme file's text, checked; `known` holds the course slugs that exist. */
export function readProgramme(
  source: string,
  file: string,
  slug: string,
  known: ReadonlySet<string>,
): { ok: true; programme: ProgrammeSpec } | { ok: false; problems: Problem[] } {
  if (!SLUG.test(slug)) {
    return { ok: false, problems: [{ file, line: 1, message: `the file name "${slug}" must be a slug (lower case, digits and dashes)` }] };
  }
  const parsed = parseYamlWithLines(source, 1);
  if (!parsed.ok) return { ok: false, problems: parsed.errors.map((e) => ({ file, ...e })) };
  const valid = validateFrontmatter(programmeFileSchema, parsed, file, "programme");
  if (!valid.ok) return valid;
  const data = valid.data;
  const line = (key: string) => parsed.lines[key] ?? 1;
  const problems: Problem[] = [];

  const position = new Map<string, number>();
  data.courses.forEach((entry, i) => {
    if (!known.has(entry.course)) problems.push({ file, line: line(`courses.${i}.course`), message: `unknown course "${entry.course}" (no folder content/courses/${entry.course})` });
    if (position.has(entry.course)) {
      problems.push({ file, line: line(`courses.${i}.course`), message: `course "${entry.course}" is listed twice (first on line ${line(`courses.${position.get(entry.course)}.course`)})` });
    } else position.set(entry.course, i);
  });
  data.courses.forEach((entry, i) => {
    entry.after.forEach((before, j) => {
      const at = line(`courses.${i}.after.${j}`);
      const index = position.get(before);
      if (before === entry.course) problems.push({ file, line: at, message: `"${entry.course}" cannot come after itself` });
      else if (index === undefined) problems.push({ file, line: at, message: `prerequisite "${before}" is not a course of this programme` });
      else if (!entry.optional && data.courses[index]!.optional) {
        problems.push({ file, line: at, message: `required course "${entry.course}" cannot wait for the optional course "${before}" (it would make it required)` });
      } else if (index > i) {
        problems.push({ file, line: at, severity: "warning", message: `prerequisite "${before}" is listed after "${entry.course}": list courses in the order they are taken` });
      }
    });
  });
  const cycle = findCycle(data.courses.map((c) => ({ slug: c.course, after: c.after.filter((a) => a !== c.course) })));
  if (cycle) {
    problems.push({ file, line: line(`courses.${position.get(cycle[0]!)}.after`), message: `prerequisites form a cycle: ${cycle.join(" → ")}` });
  }

  const optionalCount = data.courses.filter((c) => c.optional).length;
  if (optionalCount > 0 && !data.optional) {
    problems.push({ file, line: line("courses"), message: `${optionalCount} course(s) are optional but there is no "optional: { pick: N }" saying how many to take` });
  }
  if (data.optional && data.optional.pick > optionalCount) {
    problems.push({
      file,
      line: line("optional.pick"),
      message: `impossible rule: any ${data.optional.pick} of ${optionalCount} optional course(s)`,
    });
  }
  if (problems.some((p) => p.severity !== "warning")) return { ok: false, problems };
  return {
    ok: true,
    programme: {
      slug,
      file,
      hash: createHash("sha256").update(source).digest("hex"),
      title: data.title,
      description: data.description,
      published: data.published,
      optional: data.optional ?? null,
      courses: data.courses.map((c) => ({ slug: c.course, optional: c.optional, after: c.after })),
    },
  };
}

/** A cycle in the prerequisite graph, as the list of slugs around it (first repeated last), or null. */
export function findCycle(nodes: { slug: string; after: string[] }[]): string[] | null {
  const edges = new Map(nodes.map((n) => [n.slug, n.after]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (slug: string): string[] | null => {
    if (state.get(slug) === "done") return null;
    if (state.get(slug) === "visiting") return [...stack.slice(stack.indexOf(slug)), slug];
    state.set(slug, "visiting");
    stack.push(slug);
    for (const next of edges.get(slug) ?? []) {
      if (!edges.has(next)) continue;
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(slug, "done");
    return null;
  };
  for (const node of nodes) {
    const found = visit(node.slug);
    if (found) return found;
  }
  return null;
}
