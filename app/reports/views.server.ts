import { todayInVietnam } from "~/platform/days";
import { depthFirst } from "~/platform/tree";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { uuidArray } from "../../db/sql";
import { cachedRead } from "../../db/read-cache";
import { certificates, enrolments, lessonProgress, lessons, quizAttempts, users } from "../../db/schema";
import type { ReportFilters } from "./schemas";
import { rowsOf, type ScopeRole, scopeRolesJson, scopeRoot } from "~/platform/org-scope.server";
import { addCounts, type Counts, countPeople, emptyCounts, matrixData, type PairQuery, pairsOf, peopleOf } from "./reports.server";

export type UnitNode = { id: string; code: string; name: string; nameEn: string | null; parentId: string | null };
export type CourseColumn = { id: string; slug: string; topic: string; titleVi: string; titleEn: string | null };
export type ProgrammeColumn = { id: string; slug: string; titleVi: string; titleEn: string | null };
export type TreeRow = { unit: UnitNode; depth: number };

export type ReportContext = {
  filters: ReportFilters;
  today: string;
  /** Units the asker may see (null: all). */
  visible: string[] | null;
  /** Every unit the asker may see, for the filter's list, in tree order. */
  unitOptions: TreeRow[];
  /** The units the report is about (the filter unit's subtree, else everything visible), in tree order. */
  rows: TreeRow[];
  /** The courses the report is about (published, narrowed by the course and topic filters). */
  courses: CourseColumn[];
  /** Every published course, for the filter's list. */
  allCourses: CourseColumn[];
  topics: string[];
  units: Map<string, UnitNode>;
  /** The published programmes (the report's programme columns, the programme drill-downs). */
  programmes: ProgrammeColumn[];
  /** About how many people the organisation has (PostgreSQL's estimate; -1: not known yet). */
  peopleEstimate: number;
};

type Asker = { id: string; roles: readonly string[] };

/** Units in depth-first order (by code), limited to `keep`, with depth relative to the kept forest. */
export function treeOrder(all: UnitNode[], keep: Set<string> | null): TreeRow[] {
  const kept = (keep ? all.filter((u) => keep.has(u.id)) : [...all]).sort((a, b) => a.code.localeCompare(b.code));
  return depthFirst(kept.map((unit) => ({ id: unit.id, parentId: unit.parentId, unit }))).map(({ unit, depth }) => ({ unit, depth }));
}

export function subtreeIds(all: UnitNode[], rootId: string) {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of all) {
      if (unit.parentId && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** postgres.js hands json back parsed; a driver that does not, as text. */
const parseJson = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

export type Resolved = { ok: true; ctx: ReportContext } | { ok: false; message: string };

/** Checks the filters against what exists and what the asker may see; unknown ids are a 400 (never a 500). */
export async function resolveReport(db: Db, asker: Asker, filters: ReportFilters, today = todayInVietnam()): Promise<Resolved> {
  // One round trip for everything a report needs before it counts: the asker's scope, every unit, the published
  // courses and programmes. Kept in the read cache until anything changes (db/read-cache.ts: an entry that is nobody's
  // in particular); callers copy before they sort or change.
  const basics = await cachedRead(db, `report-basics:${asker.id}:${asker.roles.join(",")}`, async () => {
    const [row] = rowsOf<{ roles: ScopeRole[]; units: UnitNode[]; courses: CourseColumn[]; programmes: ProgrammeColumn[]; people: number | null }>(
      await db.execute(sql`select ${scopeRolesJson(asker.id)} as roles,
        (select coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'nameEn', name_en, 'parentId', parent_id)), '[]'::json)
          from org_units) as units,
        (select coalesce(json_agg(json_build_object('id', id, 'slug', slug, 'topic', topic, 'titleVi', title_vi, 'titleEn', title_en)
          order by topic, title_vi), '[]'::json) from courses where published) as courses,
        (select coalesce(json_agg(json_build_object('id', id, 'slug', slug, 'titleVi', title_vi, 'titleEn', title_en) order by title_vi), '[]'::json)
          from programmes where published) as programmes,
        (select reltuples::float8 from pg_class where oid = 'users'::regclass) as people`),
    );
    const units = parseJson<UnitNode[]>(row!.units);
    const root = scopeRoot(asker, parseJson<ScopeRole[]>(row!.roles));
    const scope = root === "all" ? null : root === "none" || !units.some((u) => u.id === root.unit) ? [] : [...subtreeIds(units, root.unit)];
    return {
      visible: scope,
      units,
      courses: parseJson<CourseColumn[]>(row!.courses),
      programmes: parseJson<ProgrammeColumn[]>(row!.programmes),
      // PostgreSQL's own estimate of the users table's size (-1 before it was first analysed): whether the matrix is
      // worth splitting. Free to read; a count would cost a scan of the table on every report.
      peopleEstimate: Number(row!.people ?? -1),
    };
  });
  const { visible, units: allUnits, courses: published, programmes, peopleEstimate } = basics;
  const visibleSet = visible ? new Set(visible) : null;
  const unitOptions = treeOrder(allUnits, visibleSet);
  if (filters.unit && !unitOptions.some((r) => r.unit.id === filters.unit)) return { ok: false, message: "hrReports.errors.unit" };
  const topics = [...new Set(published.map((c) => c.topic))].sort();
  if (filters.topic && !topics.includes(filters.topic)) return { ok: false, message: "hrReports.errors.topic" };
  if (filters.course && !published.some((c) => c.id === filters.course)) return { ok: false, message: "hrReports.errors.course" };
  const shown = published.filter((c) => (!filters.course || c.id === filters.course) && (!filters.topic || c.topic === filters.topic));
  let keep = visibleSet;
  if (filters.unit) keep = subtreeIds(allUnits, filters.unit);
  return {
    ok: true,
    ctx: {
      filters,
      today,
      visible,
      unitOptions,
      rows: treeOrder(allUnits, keep),
      courses: shown,
      allCourses: published,
      topics,
      units: new Map(allUnits.map((u) => [u.id, u])),
      programmes,
      peopleEstimate,
    },
  };
}

export function pairQuery(ctx: ReportContext, unitIds: readonly string[] | null): PairQuery {
  return {
    unitIds,
    courseIds: ctx.courses.map((c) => c.id),
    status: ctx.filters.status,
    from: ctx.filters.from,
    to: ctx.filters.to,
    today: ctx.today,
  };
}

/** The units the report counts: null when the asker sees everything and no unit is chosen. */
export function reportUnitIds(ctx: ReportContext) {
  return ctx.visible === null && !ctx.filters.unit ? null : ctx.rows.map((r) => r.unit.id);
}

/**
 * From about this many people the matrix is computed in parts at once (reports.server.ts, matrixData); below it one
 * query takes a few milliseconds, and every extra query costs the server a round trip.
 */
const SPLIT_FROM_PEOPLE = 1000;

export type MatrixRow = TreeRow & { cells: Record<string, Counts>; total: Counts };

/** Org units × courses, each unit with its descendants rolled up, and the grand total over the top rows. */
export async function buildMatrix(db: Db, ctx: ReportContext) {
  const q = pairQuery(ctx, reportUnitIds(ctx));
  const { cells, weekly } = await matrixData(db, q, { large: ctx.peopleEstimate >= SPLIT_FROM_PEOPLE });
  const own = new Map<string, Map<string, Counts>>();
  for (const cell of cells) {
    const byCourse = own.get(cell.unitId) ?? new Map<string, Counts>();
    byCourse.set(cell.courseId, cell.counts);
    own.set(cell.unitId, byCourse);
  }
  // Rows are in depth-first order, so walking backwards adds every unit into its parent after its own children.
  const rolled = new Map<string, Record<string, Counts>>();
  const shown = new Set(ctx.rows.map((r) => r.unit.id));
  for (const row of ctx.rows) {
    const cellsOf: Record<string, Counts> = {};
    for (const course of ctx.courses) cellsOf[course.id] = { ...(own.get(row.unit.id)?.get(course.id) ?? emptyCounts()) };
    rolled.set(row.unit.id, cellsOf);
  }
  for (const row of [...ctx.rows].reverse()) {
    const parent = row.unit.parentId;
    if (!parent || !shown.has(parent)) continue;
    const mine = rolled.get(row.unit.id)!;
    const theirs = rolled.get(parent)!;
    for (const course of ctx.courses) addCounts(theirs[course.id]!, mine[course.id]!);
  }
  const rows: MatrixRow[] = ctx.rows.map((row) => {
    const rowCells = rolled.get(row.unit.id)!;
    const total = emptyCounts();
    for (const course of ctx.courses) addCounts(total, rowCells[course.id]!);
    return { ...row, cells: rowCells, total };
  });
  const totals: Record<string, Counts> = {};
  for (const course of ctx.courses) totals[course.id] = emptyCounts();
  const grand = emptyCounts();
  for (const row of rows.filter((r) => r.depth === 0)) {
    for (const course of ctx.courses) addCounts(totals[course.id]!, row.cells[course.id]!);
    addCounts(grand, row.total);
  }
  return { rows, totals, grand, weekly };
}

export const UNIT_PAGE_SIZE = 100;

/** A unit's people (± descendants) with, per course, their pair. */
export async function unitPeoplePage(
  db: Db,
  ctx: ReportContext,
  unitId: string,
  options: { descendants: boolean; limit: number; offset?: number; after?: { fullName: string; id: string } },
) {
  const unitIds = drillUnitIds(ctx, unitId, options.descendants);
  const q = pairQuery(ctx, unitIds);
  const people = await peopleOf(db, q, options);
  const pairs = await pairsOf(db, { ...q, userIds: people.map((p) => p.id) });
  const byPerson = new Map<string, Record<string, (typeof pairs)[number]>>();
  for (const pair of pairs) byPerson.set(pair.userId, { ...(byPerson.get(pair.userId) ?? {}), [pair.courseId]: pair });
  return { unitIds, people: people.map((p) => ({ ...p, pairs: byPerson.get(p.id) ?? {} })) };
}

export async function unitPeopleCount(db: Db, ctx: ReportContext, unitIds: string[]) {
  return countPeople(db, pairQuery(ctx, unitIds));
}

/** The units a drill-down counts: the unit, and its descendants the asker may see when asked. */
export function drillUnitIds(ctx: ReportContext, unitId: string, descendants: boolean) {
  if (!descendants) return [unitId];
  const subtree = subtreeIds([...ctx.units.values()], unitId);
  return ctx.rows.map((r) => r.unit.id).filter((id) => subtree.has(id));
}

/** Whether the asker may see the unit (scoped HR: inside their subtree). */
export function unitVisible(ctx: ReportContext, unitId: string) {
  return ctx.units.has(unitId) && (ctx.visible === null || ctx.visible.includes(unitId));
}

/** One person's courses, lessons, best quiz scores and certificates; null when outside the asker's scope. */
/** What the report pages show of a person (the drill-down and the people search). */
export const PERSON_COLUMNS = {
  id: users.id,
  fullName: users.fullName,
  email: users.email,
  staffNumber: users.staffNumber,
  jobTitle: users.jobTitle,
  unitId: users.orgUnitId,
  active: users.active,
};

export async function personReport(db: Db, ctx: ReportContext, userId: string) {
  const [person] = await db
    .select(PERSON_COLUMNS)
    .from(users)
    // The scope is part of the lookup: someone outside it is not found at all.
    .where(and(eq(users.id, userId), ctx.visible ? sql`${users.orgUnitId} = any(${uuidArray(ctx.visible)})` : undefined));
  if (!person || !person.unitId || !unitVisible(ctx, person.unitId)) return null;
  // The person page shows every published course the person is counted for, whatever the matrix filters.
  const allCourses = ctx.courses;
  const q: PairQuery = { unitIds: null, userIds: [userId], courseIds: allCourses.map((c) => c.id), today: ctx.today };
  const [pairs, lessonRows, quizRows, certRows, enrolRows] = await Promise.all([
    person.active ? pairsOf(db, { ...q, userIds: [userId] }) : Promise.resolve([]),
    db
      .select({
        courseId: lessons.courseId,
        id: lessons.id,
        titleVi: lessons.titleVi,
        titleEn: lessons.titleEn,
        completedAt: lessonProgress.completedAt,
        openedAt: lessonProgress.firstOpenedAt,
      })
      .from(lessons)
      .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
      .where(
        and(
          eq(lessons.active, true),
          sql`${lessons.courseId} in (select course_id from enrolments where user_id = ${userId})`,
        ),
      )
      .orderBy(asc(lessons.courseId), asc(lessons.position)),
    db
      .select({
        courseId: quizAttempts.courseId,
        lessonId: quizAttempts.lessonId,
        quizId: quizAttempts.quizId,
        best: sql<number | null>`max(${quizAttempts.percent})`,
        passed: sql<boolean>`coalesce(bool_or(${quizAttempts.passed}), false)`,
        attempts: sql<number>`count(*)::int`,
      })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.status, "submitted")))
      .groupBy(quizAttempts.courseId, quizAttempts.lessonId, quizAttempts.quizId),
    db
      .select({
        id: certificates.id,
        code: certificates.code,
        courseId: certificates.courseId,
        titleVi: certificates.courseTitleVi,
        titleEn: certificates.courseTitleEn,
        cycle: certificates.cycle,
        issuedAt: certificates.issuedAt,
        validUntil: certificates.validUntil,
        revokedAt: certificates.revokedAt,
        replacedById: certificates.replacedById,
      })
      .from(certificates)
      .where(eq(certificates.userId, userId))
      .orderBy(asc(certificates.issuedAt)),
    db.select({ courseId: enrolments.courseId, startedAt: enrolments.startedAt }).from(enrolments).where(eq(enrolments.userId, userId)),
  ]);
  const now = Date.now();
  const certificateStatus = (c: (typeof certRows)[number]) =>
    c.revokedAt ? "revoked" : c.replacedById ? "replaced" : c.validUntil && c.validUntil.getTime() < now ? "expired" : "valid";
  const courseRows = allCourses
    .map((course) => {
      const pair = pairs.find((p) => p.courseId === course.id) ?? null;
      const courseLessons = lessonRows.filter((l) => l.courseId === course.id);
      return {
        course,
        pair,
        startedAt: enrolRows.find((e) => e.courseId === course.id)?.startedAt ?? null,
        lessons: courseLessons,
        lessonsDone: courseLessons.filter((l) => l.completedAt).length,
        quizzes: quizRows
          .filter((qz) => qz.courseId === course.id)
          .map((qz) => ({ ...qz, best: qz.best === null ? null : Math.round(Number(qz.best)) })),
      };
    })
    .filter((row) => row.pair || row.lessons.length > 0);
  return {
    person,
    unit: ctx.units.get(person.unitId)!,
    courses: courseRows,
    certificates: certRows.map((c) => ({ ...c, status: certificateStatus(c) })),
  };
}
export type PersonReport = NonNullable<Awaited<ReturnType<typeof personReport>>>;
