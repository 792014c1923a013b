/** The people and options HR pick from when assigning training, and the people of one assignment. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { foldSql } from "../../db/fold";
import { courses, learnerAssignments, orgUnits, programmes, users } from "../../db/schema";
import { uuidArray } from "../../db/sql";
import { todayInVietnam } from "~/platform/days";
import { hrVisibleUnits } from "~/platform/org-scope.server";
import { escapeLike, searchTerms } from "~/platform/text";
import { depthFirst } from "~/platform/tree";
import type { Actor } from "./assignments.server";

/** The people of one assignment (current cycle), for its page: scoped HR see their subtree only. */
export async function listAssignmentPeople(db: Db, actor: Actor, assignmentId: string, now = new Date()) {
  const scope = await hrVisibleUnits(db, actor);
  return db
    .select({
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
      cycle: learnerAssignments.cycle,
      dueOn: learnerAssignments.dueOn,
      completedAt: learnerAssignments.completedAt,
      overdue: sql<boolean>`${learnerAssignments.completedAt} is null and ${learnerAssignments.dueOn} < ${todayInVietnam(now)}`,
    })
    .from(learnerAssignments)
    .innerJoin(users, eq(users.id, learnerAssignments.userId))
    .where(
      and(
        eq(learnerAssignments.assignmentId, assignmentId),
        sql`${learnerAssignments.closedAt} is null`,
        sql`not exists (select 1 from learner_assignments n where n.assignment_id = ${learnerAssignments.assignmentId}
          and n.user_id = ${learnerAssignments.userId} and n.cycle > ${learnerAssignments.cycle})`,
        scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined,
      ),
    )
    .orderBy(users.fullName)
    .limit(1000);
}

/** Everything the assignment form offers: published courses, units in scope (tree order), job titles. */
export async function assignmentFormOptions(db: Db, actor: Actor) {
  const scope = await hrVisibleUnits(db, actor);
  const [courseRows, programmeRows, unitRows, titleRows] = await Promise.all([
    db.select({ id: courses.id, titleVi: courses.titleVi, titleEn: courses.titleEn }).from(courses).where(eq(courses.published, true)).orderBy(courses.titleVi),
    db.select({ id: programmes.id, titleVi: programmes.titleVi, titleEn: programmes.titleEn }).from(programmes).where(eq(programmes.published, true)).orderBy(programmes.titleVi),
    db
      .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, nameEn: orgUnits.nameEn, parentId: orgUnits.parentId })
      .from(orgUnits)
      .where(eq(orgUnits.active, true))
      .orderBy(orgUnits.code),
    db
      .selectDistinct({ title: sql<string>`btrim(${users.jobTitle})` })
      .from(users)
      .where(and(eq(users.active, true), sql`coalesce(btrim(${users.jobTitle}), '') <> ''`, scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined))
      .orderBy(sql`btrim(${users.jobTitle})`)
      .limit(500),
  ]);
  // A scoped HR user's subtree is indented from its own top.
  const units = depthFirst(scope ? unitRows.filter((u) => scope.includes(u.id)) : unitRows);
  return {
    courses: courseRows,
    programmes: programmeRows,
    units: units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn, depth: u.depth })),
    jobTitles: titleRows.map((r) => r.title),
  };
}

/** Active people matching a name or email (diacritics ignored), within the HR user's scope. */
export async function searchPeople(db: Db, actor: Actor, query: string, limit = 20) {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const scope = await hrVisibleUnits(db, actor);
  const folded = foldSql(sql`${users.fullName} || ' ' || ${users.email}`);
  return db
    .select({ id: users.id, fullName: users.fullName, email: users.email, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(users.active, true),
        scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined,
        ...terms.map((term) => sql`${folded} like ${`%${escapeLike(term)}%`}`),
      ),
    )
    .orderBy(users.fullName)
    .limit(limit);
}

/**
 * People by id (for showing the ones picked in the form again), within the HR user's scope: ids come from
 * the form, so a person outside the subtree is simply not found (the caller answers 400, nothing revealed).
 */
export async function peopleByIds(db: Db, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const scope = await hrVisibleUnits(db, actor);
  return db
    .select({ id: users.id, fullName: users.fullName, email: users.email, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(sql`${users.id} = any(${uuidArray(ids)})`, scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined))
    .orderBy(users.fullName);
}
