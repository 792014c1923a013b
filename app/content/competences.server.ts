import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseYamlWithLines, validateFrontmatter } from "./frontmatter.server";
import type { Problem } from "./problems";

// content/competences.yaml: the digital competence framework courses declare targets against
// (Thông tư 02/2025/TT-BGDĐT domains, cross-walked to DigComp 2.2).

const name = z.string().trim().min(1);

const competencesFileSchema = z.strictObject({
  levels: z.array(z.strictObject({ level: z.int().min(1).max(8), vi: name, en: name })).length(8),
  domains: z
    .array(
      z.strictObject({
        id: name,
        vi: name,
        en: name,
        competences: z
          .array(z.strictObject({ id: name, digcomp: name.nullable(), vi: name, en: name }))
          .min(1),
      }),
    )
    .min(1),
});

export type Competence = {
  id: string;
  name: { vi: string; en: string };
  domain: { id: string; vi: string; en: string };
  /** The corresponding EU DigComp 2.2 competence, or null (e.g. the AI domain has none). */
  digcomp: string | null;
};

export type CompetenceCatalogue = {
  levels: { level: number; vi: string; en: string }[];
  competences: Competence[];
  byId: ReadonlyMap<string, Competence>;
};

export type CompetencesResult = { ok: true; catalogue: CompetenceCatalogue } | { ok: false; problems: Problem[] };

export function competencesPath(contentRoot: string): string {
  return path.join(contentRoot, "competences.yaml");
}

/** Reads and validates competences.yaml; `file` is how problems name it. */
export function readCompetences(contentRoot: string, file = competencesPath(contentRoot)): CompetencesResult {
  let text: string;
  try {
    text = readFileSync(competencesPath(contentRoot), "utf8");
  } catch {
    return { ok: false, problems: [{ file, line: 1, message: "competences.yaml is missing" }] };
  }
  const parsed = parseYamlWithLines(text, 1);
  if (!parsed.ok) return { ok: false, problems: parsed.errors.map((e) => ({ file, ...e })) };
  const valid = validateFrontmatter(competencesFileSchema, parsed, file, "competences");
  if (!valid.ok) return valid;

  const byId = new Map<string, Competence>();
  const problems: Problem[] = [];
  valid.data.domains.forEach((domain, d) => {
    domain.competences.forEach((c, i) => {
      if (byId.has(c.id)) {
        problems.push({ file, line: parsed.lines[`domains.${d}.competences.${i}.id`] ?? 1, message: `duplicate competence id "${c.id}"` });
      }
      byId.set(c.id, {
        id: c.id,
        name: { vi: c.vi, en: c.en },
        domain: { id: domain.id, vi: domain.vi, en: domain.en },
        digcomp: c.digcomp,
      });
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, catalogue: { levels: valid.data.levels, competences: [...byId.values()], byId } };
}

const cache = new Map<string, { mtimeMs: number; catalogue: CompetenceCatalogue }>();

/** For the app: the validated catalogue, re-read when the file changes; throws if it is invalid. */
export function loadCompetences(contentRoot: string): CompetenceCatalogue {
  const file = competencesPath(contentRoot);
  const { mtimeMs } = statSync(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.catalogue;
  const result = readCompetences(contentRoot);
  if (!result.ok) {
    throw new Error(`invalid ${file}:\n${result.problems.map((p) => `  line ${p.line}: ${p.message}`).join("\n")}`);
  }
  cache.set(file, { mtimeMs, catalogue: result.catalogue });
  return result.catalogue;
}

export function findCompetence(catalogue: CompetenceCatalogue, id: string): Competence | null {
  return catalogue.byId.get(id) ?? null;
}
