/**
 * Programmes — ordered sets of courses (required ones and an "any N of" group) with prerequisites: each learner's
 * path through them, the prerequisite gate, and what follows when a programme's rule is met.
 * Owns: `programmes`, `programme_courses`, `programme_enrolments`; the files content/programmes/*.yaml.
 * Offers: the gate (courseGate, called by learning's course and lesson routes), the path (programmePath,
 * listMyProgrammes), startProgramme, afterCourseCompletedInProgrammes (called by learning's completion hook),
 * readProgrammes / syncProgrammes (content:check, start-up).
 * Uses: content (YAML with lines, problems), certificates (the programme certificate), training (programme assignments).
 *
 * The gate applies only inside programmes the learner follows — started themselves or is assigned (open, not
 * withdrawn): a course on its own, or in a programme the learner does not follow, stays open.
 */
import { and, asc, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { programmeCourses, programmeEnrolments, programmes } from "../../db/schema";
import { cachedRead } from "../../db/read-cache";
import { rowsOf } from "~/platform/org-scope.server";
import { todayInVietnam } from "~/platform/days";
import { issueProgrammeCertificate } from "~/certificates/issue.server";
import { findMyProgrammeCertificate } from "~/certificates/certificates.server";
import { completeLearnerProgrammeAssignments } from "~/training/assignment-sync.server";
import { evaluate, type CourseState, type PathCourse } from "./rule";

type Param = string | Placeholder | SQL;

/** SQL: the learner follows programme `p` (alias of programmes in the query). */
const follows = (userId: Param) => sql`(
  exists (select 1 from programme_enrolments pe where pe.user_id = ${userId} and pe.programme_id = p.id)
  or exists (select 1 from learner_assignments la join assignments a on a.id = la.assignment_id
    where la.user_id = ${userId} and la.programme_id = p.id and la.closed_at is null and a.withdrawn_at is null))`;

/** SQL: the learner has completed course `courseId` at least once (a recertification cycle keeps it done here). */
const done = (userId: Param, courseId: SQL) =>
  sql`exists (select 1 from enrolments e where e.user_id = ${userId} and e.course_id = ${courseId} and (e.completed_at is not null or e.cycle > 1))`;

export type Gate = {
  programme: { slug: string; titleVi: string; titleEn: string | null };
  /** The prerequisites still to complete, in the programme's order (the first one is where to go). */
  waitingFor: { slug: string; titleVi: string; titleEn: string | null }[];
};

type GateRow = { programmeSlug: string; programmeTitleVi: string; programmeTitleEn: string | null; slug: string; titleVi: string; titleEn: string | null };

/**
 * SQL: the gate's rows as one json value (null when the course is open), so that a page can read it in the same
 * statement as its own data (the lesson page: learning's findLessonPage); `gateOf` makes the Gate of it.
 * `courseId` is an expression of the caller's query (a uuid), `userId` a value or placeholder.
 */
export function courseGateJson(userId: Param, courseId: SQL) {
  return sql<GateRow[] | null>`(
    select json_agg(json_build_object('programmeSlug', p.slug, 'programmeTitleVi', p.title_vi, 'programmeTitleEn', p.title_en,
      'slug', c.slug, 'titleVi', c.title_vi, 'titleEn', c.title_en) order by p.slug, req.position)
    from programme_courses pc
    join programmes p on p.id = pc.programme_id and p.published
    join programme_courses req on req.programme_id = pc.programme_id and req.course_id = any(pc.requires)
    join courses c on c.id = req.course_id
    where pc.course_id = ${courseId} and cardinality(pc.requires) > 0 and ${follows(userId)}
      and not ${done(userId, courseId)}
      and not ${done(userId, sql`req.course_id`)})`;
}

/** The Gate of courseGateJson's value: the first programme (by slug) that locks the course, or null. */
export function gateOf(rows: GateRow[] | null): Gate | null {
  const first = rows?.[0];
  if (!rows || !first) return null;
  return {
    programme: { slug: first.programmeSlug, titleVi: first.programmeTitleVi, titleEn: first.programmeTitleEn },
    waitingFor: rows.filter((r) => r.programmeSlug === first.programmeSlug).map((r) => ({ slug: r.slug, titleVi: r.titleVi, titleEn: r.titleEn })),
  };
}

/**
 * Whether a course is locked for a learner, and why: null when it is open. Locked means a programme the learner
 * follows lists prerequisites for it that they have not completed (and they have not completed the course itself).
 */
export async function courseGate(db: Db, userId: string, courseId: string): Promise<Gate | null> {
  // Every lesson page asks: the answer is kept in the read cache until the learner's rows change (db/read-cache.ts).
  return cachedRead(db, `programme-gate:${userId}:${courseId}`, async () => {
    const [row] = rowsOf<{ gate: GateRow[] | null }>(await db.execute(sql`select ${courseGateJson(userId, sql`${courseId}::uuid`)} as gate`));
    return gateOf(row?.gate ?? null);
  }, userId);
}

/** A published programme by slug (with its "any N of" group), or null. */
export async function findProgramme(db: Db, slug: string) {
  const [row] = await db.select().from(programmes).where(and(eq(programmes.slug, slug), eq(programmes.published, true)));
  return row ?? null;
}

/** Every published programme with its number of courses, for the programme list and HR's assignment form. */
export async function listProgrammes(db: Db) {
  return db
    .select({
      id: programmes.id,
      slug: programmes.slug,
      titleVi: programmes.titleVi,
      titleEn: programmes.titleEn,
      descriptionVi: programmes.descriptionVi,
      descriptionEn: programmes.descriptionEn,
      courses: sql<number>`(select count(*)::int from programme_courses pc where pc.programme_id = ${programmes.id})`,
    })
    .from(programmes)
    .where(eq(programmes.published, true))
    .orderBy(asc(programmes.titleVi));
}

/** The programme's courses in order, each with the learner's state of it. */
async function pathCourses(db: Db, userId: string, programmeId: string): Promise<PathCourse[]> {
  const rows = await db
    .select({
      courseId: programmeCourses.courseId,
      position: programmeCourses.position,
      optional: programmeCourses.optional,
      requires: programmeCourses.requires,
      slug: sql<string>`c.slug`,
      titleVi: sql<string>`c.title_vi`,
      titleEn: sql<string | null>`c.title_en`,
      minutes: sql<number>`c.estimated_minutes`,
      state: sql<CourseState>`case
        when e.completed_at is not null or e.cycle > 1 then 'done'
        when e.user_id is not null then 'started'
        else 'new' end`,
    })
    .from(programmeCourses)
    .innerJoin(sql`courses c`, sql`c.id = ${programmeCourses.courseId}`)
    .leftJoin(sql`enrolments e`, sql`e.course_id = ${programmeCourses.courseId} and e.user_id = ${userId}`)
    .where(eq(programmeCourses.programmeId, programmeId))
    .orderBy(asc(programmeCourses.position));
  return rows;
}

/** How the learner follows a programme: started it themselves, and/or assigned (earliest open due day). */
async function following(db: Db, userId: string, programmeId: string, now: Date) {
  const result = await db.execute(sql`
    select
      exists (select 1 from programme_enrolments pe where pe.user_id = ${userId} and pe.programme_id = ${programmeId}) as enrolled,
      (select min(la.due_on) from learner_assignments la join assignments a on a.id = la.assignment_id
        where la.user_id = ${userId} and la.programme_id = ${programmeId} and la.closed_at is null and a.withdrawn_at is null
          and la.completed_at is null) as due_on,
      exists (select 1 from learner_assignments la join assignments a on a.id = la.assignment_id
        where la.user_id = ${userId} and la.programme_id = ${programmeId} and la.closed_at is null and a.withdrawn_at is null) as assigned`);
  const row = rowsOf<{ enrolled: boolean; due_on: string | null; assigned: boolean }>(result)[0]!;
  return {
    enrolled: row.enrolled,
    assigned: row.assigned,
    dueOn: row.due_on,
    overdue: row.due_on !== null && todayInVietnam(now) > row.due_on,
  };
}

export type ProgrammePath = NonNullable<Awaited<ReturnType<typeof programmePath>>>;

/** A programme with the learner's path through it: each course done / next / open / locked, the rule, the certificate. */
export async function programmePath(db: Db, userId: string, slug: string, now = new Date()) {
  const programme = await findProgramme(db, slug);
  if (!programme) return null;
  const [courses, follow, certificate] = await Promise.all([
    pathCourses(db, userId, programme.id),
    following(db, userId, programme.id, now),
    findMyProgrammeCertificate(db, userId, programme.id),
  ]);
  const followed = follow.enrolled || follow.assigned;
  return { programme, follow: { ...follow, followed }, certificate, ...evaluate(courses, programme.optionalPick, followed) };
}

/** The programmes the learner follows (or holds a certificate of), each with its path, for My learning. */
export async function listMyProgrammes(db: Db, userId: string, now = new Date()) {
  const result = await db.execute(sql`
    select p.slug from programmes p
    where p.published and (${follows(userId)}
      or exists (select 1 from certificates c where c.user_id = ${userId} and c.programme_id = p.id))
    order by p.title_vi`);
  const slugs = rowsOf<{ slug: string }>(result).map((r) => r.slug);
  const paths = await Promise.all(slugs.map((slug) => programmePath(db, userId, slug, now)));
  return paths.filter((p): p is ProgrammePath => p !== null);
}

/** The learner starts following a programme (idempotent); if its rule is already met, it completes now. */
export async function startProgramme(db: Db, userId: string, programmeId: string) {
  await db.transaction(async (tx) => {
    await tx.insert(programmeEnrolments).values({ userId, programmeId }).onConflictDoNothing();
    await settleProgramme(tx as unknown as Db, userId, programmeId, new Date());
  });
}

/**
 * Completes a programme whose rule the learner meets: its certificate (once: unique index + on conflict) and the
 * open assignment rows. Returns whether the rule is met. Safe to run again and concurrently.
 */
export async function settleProgramme(db: Db, userId: string, programmeId: string, completedAt: Date) {
  const courses = await pathCourses(db, userId, programmeId);
  const [programme] = await db.select({ pick: programmes.optionalPick }).from(programmes).where(eq(programmes.id, programmeId));
  if (!programme) return false;
  const rule = evaluate(courses, programme.pick, true);
  if (!rule.complete) return false;
  await issueProgrammeCertificate(db, { userId, programmeId, completedAt, courseIds: rule.countedCourseIds });
  await completeLearnerProgrammeAssignments(db, { userId, programmeId, completedAt });
  return true;
}

/**
 * learning's completion hook calls this inside the completion transaction: every published programme with the
 * course that the learner follows is checked against its rule.
 */
export async function afterCourseCompletedInProgrammes(db: Db, completion: { userId: string; courseId: string; completedAt: Date }) {
  const result = await db.execute(sql`
    select p.id from programmes p join programme_courses pc on pc.programme_id = p.id and pc.course_id = ${completion.courseId}
    where p.published and ${follows(completion.userId)}`);
  for (const { id } of rowsOf<{ id: string }>(result)) await settleProgramme(db, completion.userId, id, completion.completedAt);
}

/**
 * The daily job's part (handed to it by the composition root, since training does not know programmes): every
 * programme someone follows without its certificate yet, whose rule they already meet — courses completed before
 * they were assigned it — completes now, so it is never reminded nor marked overdue. The SQL only narrows the
 * candidates; `settleProgramme` decides, one transaction per person and programme (safe to run twice at once).
 */
export async function settleMetProgrammes(db: Db, now: Date) {
  const candidates = rowsOf<{ user_id: string; programme_id: string }>(
    await db.execute(sql`
      with followers as (
        select la.user_id, la.programme_id from learner_assignments la join assignments a on a.id = la.assignment_id
        where la.programme_id is not null and la.completed_at is null and la.closed_at is null and a.withdrawn_at is null
        union
        select pe.user_id, pe.programme_id from programme_enrolments pe
      )
      select f.user_id, f.programme_id from followers f
        join programmes p on p.id = f.programme_id and p.published
        join users u on u.id = f.user_id and u.active
      where not exists (select 1 from certificates c where c.user_id = f.user_id and c.programme_id = f.programme_id)
        and not exists (select 1 from programme_courses pc where pc.programme_id = p.id and not pc.optional
          and not ${done(sql`f.user_id`, sql`pc.course_id`)})
        and (select count(*) from programme_courses pc where pc.programme_id = p.id and pc.optional
          and ${done(sql`f.user_id`, sql`pc.course_id`)}) >= p.optional_pick
      order by f.user_id, f.programme_id`),
  );
  let settled = 0;
  for (const c of candidates) {
    if (await db.transaction((tx) => settleProgramme(tx as unknown as Db, c.user_id, c.programme_id, now))) settled += 1;
  }
  return settled;
}
