import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { certificates, competenceSelfAssessments, courses, orgUnits, users } from "../../../db/schema";
import { buildHeatmap, type HeatmapCounts } from "../../../app/competences/heatmap.server";
import { framework } from "../../../app/competences/framework.server";
import { resolveReport, type ReportContext } from "../../../app/reports/views.server";
import type { HeatmapSource } from "../../../app/competences/schemas";
import { uuidArray } from "../../../db/sql";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { actualReach, allCertificates, type CertRow, DAY, expectedReach, insertCertificates, random, type Random, sortedEntries } from "../../support/competence-data";

// The heatmap against a naive computation in JS, on random organisations: people in random units (some inactive,
// some in none, two job titles), certificates valid, expired, expiring, never expiring, revoked and replaced,
// changed round after round (which also drives the competence_reach triggers), and self-assessments.
// HEATMAP_SEED=<n> replays a failing case.
const SEED = Number(process.env.HEATMAP_SEED ?? Date.now() % 1_000_000);
const rng: Random = random(SEED);
const JOBS = ["Thủ thư", "Kỹ thuật viên"];

let handle: DbHandle;
let courseId: string;
let adminId: string;
type Person = { id: string; unitId: string | null; active: boolean; jobTitle: string };
const people: Person[] = [];
const competenceIds = framework().competences.map((c) => c.id);

beforeAll(async () => {
  handle = await createTestDb();
  const { db } = handle;
  const unitIds: string[] = [];
  for (let i = 0; i < 14; i++) {
    const parentId = i < 2 || rng.chance(0.15) ? null : rng.pick(unitIds);
    const [row] = await db.insert(orgUnits).values({ code: `RF${i}`, name: `Đơn vị ${i}`, nameEn: `Unit ${i}`, parentId }).returning({ id: orgUnits.id });
    unitIds.push(row!.id);
  }
  const values = Array.from({ length: 90 }, (_, i) => ({
    email: `ref${i}@heat.test`,
    fullName: `Người ${i}`,
    orgUnitId: rng.chance(0.05) ? null : rng.pick(unitIds),
    active: !rng.chance(0.1),
    jobTitle: rng.pick(JOBS),
  }));
  const rows = await db.insert(users).values(values).returning({ id: users.id, unitId: users.orgUnitId, active: users.active, jobTitle: users.jobTitle });
  people.push(...rows.map((r) => ({ id: r.id, unitId: r.unitId, active: r.active, jobTitle: r.jobTitle! })));
  const [admin] = await db.insert(users).values({ email: "ref-admin@heat.test", fullName: "Quản trị" }).returning({ id: users.id });
  adminId = admin!.id;
  await syncFake(db, fakeCourse("ref-course", [{ slug: "l1", vi: "Bài 1" }], { competences: [{ id: "1.1", level: 2 }] }));
  courseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "ref-course")))[0]!.id;
}, 120_000);
afterAll(async () => handle?.close());

const randomCompetences = () =>
  Array.from({ length: rng.int(0, 4) }, () => ({ id: rng.pick(competenceIds), level: rng.int(1, 8) }));
/** Expired, expiring within weeks, valid for a year, or never expiring. */
const randomUntil = () => rng.pick([null, null, new Date(Date.now() - rng.int(1, 90) * DAY), new Date(Date.now() + rng.int(1, 40) * DAY), new Date(Date.now() + 365 * DAY)]);

/** One round of changes, each a statement of its own as the app would make them. */
async function mutate() {
  const { db } = handle;
  const batch = Array.from({ length: rng.int(5, 40) }, () => ({
    userId: rng.pick(people).id,
    competences: randomCompetences(),
    validUntil: randomUntil(),
    revokedAt: rng.chance(0.08) ? new Date() : null,
  }));
  await insertCertificates(db, courseId, batch);
  const certs = await allCertificates(db);
  const live = certs.filter((c) => c.revokedAt === null && c.replacedById === null);
  for (let i = 0; i < rng.int(0, 3) && live.length > 0; i++) {
    await db.update(certificates).set({ revokedAt: new Date(), revocationReason: "thử" }).where(eq(certificates.id, rng.pick(live).id));
  }
  for (let i = 0; i < rng.int(0, 3) && live.length > 0; i++) {
    // A corrected re-issue: the new certificate replaces the old one, which then points forward to it.
    const old = rng.pick(live);
    // A certificate is re-issued once (certificates_replaces_key): it leaves the pool of live ones.
    live.splice(live.indexOf(old), 1);
    const [fresh] = await insertCertificates(db, courseId, [{ userId: old.userId, competences: rng.chance(0.5) ? old.competences : randomCompetences(), validUntil: old.validUntil, replacesId: old.id }]);
    await db.update(certificates).set({ replacedById: fresh!.id }).where(eq(certificates.id, old.id));
  }
  if (live.length > 0 && rng.chance(0.6)) {
    // A statement that changes many rows at once (more than 32 people: the table-lock path of the trigger).
    await db.execute(sql`update certificates set valid_until = case when random() < 0.5 then null else now() + interval '5 days' end
      where id = any(${uuidArray(live.filter(() => rng.chance(0.3)).map((c) => c.id))})`);
  }
  // Only certificates no re-issue points at (either way): the others are held by foreign keys.
  const now = await allCertificates(db);
  const deletable = now.filter((c) => c.replacedById === null && !now.some((o) => o.replacedById === c.id));
  const gone = deletable.filter(() => rng.chance(0.05)).map((c) => c.id);
  if (gone.length > 0) await db.delete(certificates).where(inArray(certificates.id, gone));
  const assessments = Array.from({ length: rng.int(0, 30) }, () => ({ userId: rng.pick(people).id, competenceId: rng.pick(competenceIds), level: rng.int(1, 8) }));
  const unique = [...new Map(assessments.map((a) => [`${a.userId}|${a.competenceId}`, a])).values()];
  if (unique.length > 0) {
    await db
      .insert(competenceSelfAssessments)
      .values(unique)
      .onConflictDoUpdate({ target: [competenceSelfAssessments.userId, competenceSelfAssessments.competenceId], set: { level: sql`excluded.level` } });
  }
  if (rng.chance(0.3)) await db.delete(competenceSelfAssessments).where(eq(competenceSelfAssessments.userId, rng.pick(people).id));
}

type Self = { userId: string; competenceId: string; level: number };

/** The heatmap worked out the slow, obvious way. */
function naive(ctx: ReportContext, certs: readonly CertRow[], selves: readonly Self[], q: { level: number; source: HeatmapSource; now: Date; jobTitle?: string }) {
  const counted = people.filter((p) => p.active && p.unitId !== null && (!q.jobTitle || p.jobTitle === q.jobTitle));
  // Per person: competence → highest level shown, and whether there is evidence at all.
  const levels = new Map<string, Map<string, number>>();
  const evidence = new Set<string>();
  const note = (userId: string, id: string, level: number) => {
    const mine = levels.get(userId) ?? new Map<string, number>();
    mine.set(id, Math.max(mine.get(id) ?? 0, level));
    levels.set(userId, mine);
    evidence.add(userId);
  };
  if (q.source === "certified") {
    for (const c of certs) {
      const counts = c.revokedAt === null && c.replacedById === null && (c.validUntil === null || c.validUntil.getTime() > q.now.getTime());
      if (counts) for (const e of c.competences) note(c.userId, e.id, e.level);
    }
  } else for (const s of selves) note(s.userId, s.competenceId, s.level);
  const parent = new Map(ctx.rows.map((r) => [r.unit.id, r.unit.parentId]));
  const under = (unitId: string, top: string) => {
    for (let u: string | null | undefined = unitId; u; u = parent.get(u)) if (u === top) return true;
    return false;
  };
  const inRows = new Set(ctx.rows.map((r) => r.unit.id));
  const countFor = (who: Person[]): HeatmapCounts => {
    const cells: Record<string, number> = {};
    for (const p of who) for (const [id, level] of levels.get(p.id) ?? []) if (level >= q.level) cells[id] = (cells[id] ?? 0) + 1;
    return { people: who.length, evidence: who.filter((p) => evidence.has(p.id)).length, cells };
  };
  const rows = ctx.rows.map((r) => countFor(counted.filter((p) => inRows.has(p.unitId!) && under(p.unitId!, r.unit.id))));
  const tops = new Set(ctx.rows.filter((r) => r.depth === 0).map((r) => r.unit.id));
  const total = countFor(counted.filter((p) => inRows.has(p.unitId!) && [...tops].some((t) => under(p.unitId!, t))));
  return { rows, total };
}

const numbers = (c: HeatmapCounts) => ({ people: c.people, evidence: c.evidence, cells: Object.fromEntries(Object.entries(c.cells).filter(([, n]) => n > 0).sort()) });

test(`random organisations: the heatmap equals a naive count, round after round (HEATMAP_SEED=${SEED})`, async () => {
  const { db } = handle;
  const asker = { id: adminId, roles: ["admin"] as const };
  let compared = 0;
  let cells = 0;
  for (let round = 0; round < 6; round++) {
    await mutate();
    const certs = await allCertificates(db);
    // What the triggers keep is exactly what the certificates say.
    expect(sortedEntries(await actualReach(db)), `round ${round}`).toEqual(sortedEntries(expectedReach(certs)));
    const selves = await db.select({ userId: competenceSelfAssessments.userId, competenceId: competenceSelfAssessments.competenceId, level: competenceSelfAssessments.level }).from(competenceSelfAssessments);
    const units = (await db.select({ id: orgUnits.id }).from(orgUnits)).map((u) => u.id);
    for (let k = 0; k < 4; k++) {
      const filters = rng.chance(0.4) ? { unit: rng.pick(units) } : {};
      const resolved = await resolveReport(db, asker, filters);
      if (!resolved.ok) throw new Error(resolved.message);
      const q = {
        level: rng.int(1, 8),
        source: rng.pick(["certified", "self"] as const),
        // Today, or weeks ahead: certificates expiring before then drop out with nothing run in between.
        now: new Date(Date.now() + rng.pick([0, 0, 3, 20, 60]) * DAY),
        jobTitle: rng.chance(0.3) ? rng.pick(JOBS) : undefined,
      };
      const got = await buildHeatmap(db, resolved.ctx, q);
      const want = naive(resolved.ctx, certs, selves, q);
      const label = `round ${round}, ${JSON.stringify({ ...q, filters })}`;
      expect(got.rows.map(numbers), label).toEqual(want.rows.map(numbers));
      expect(numbers(got.total), label).toEqual(numbers(want.total));
      compared += got.rows.length;
      cells += Object.values(got.total.cells).filter((n) => n > 0).length;
    }
  }
  // The data was not empty: the comparisons covered units with people and cells.
  expect(compared).toBeGreaterThan(0);
  expect(cells).toBeGreaterThan(0);
  expect((await allCertificates(db)).length).toBeGreaterThan(30);
}, 120_000);
