import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { TRAINING_SUBJECTS, uuidArray } from "../../db/sql";
import { rowsOf } from "~/platform/org-scope.server";

/** Events older than this are history, not news: a first run (or a long outage) does not flood anyone. */
export const RECENT_DAYS = 14;
/** A certificate is "about to expire" this many days before its end. */
export const EXPIRY_NOTICE_DAYS = 30;

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export type CollectOptions = { now?: Date; userIds?: readonly string[] };

/**
 * Turns what happened in the other capabilities' tables into notifications, idempotently (one statement per kind,
 * `on conflict (dedupe_key) do nothing`): training assigned, certificates issued, certificates about to expire.
 * Called right after the event for the people concerned (so the bell is current) and by the scheduled job for
 * everyone (so nothing is missed whichever path made the event: an import, a sync, another instance).
 * Returns the ids of the notifications it made.
 */
export async function collectNotifications(db: Db, options: CollectOptions = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const since = sql`${ts(now)} - make_interval(days => ${RECENT_DAYS})`;
  const who = (column: SQL) => (options.userIds ? sql`${column} = any(${uuidArray(options.userIds)})` : sql`true`);
  const title = (alias: string) => sql.raw(`'titleVi', ${alias}.title_vi, 'titleEn', ${alias}.title_en`);
  const statements = [
    // Assigned training, a course or a programme (each cycle: recertification assigns the course again).
    sql`insert into notifications (user_id, kind, params, link, dedupe_key, created_at)
      select la.user_id, 'assigned',
        jsonb_build_object('subject', case when c.programme then 'programme' else 'course' end, 'slug', c.slug, ${title("c")}, 'dueOn', la.due_on),
        case when c.programme then '/learning/programmes/' else '/courses/' end || c.slug,
        'assigned:' || la.assignment_id || ':' || la.user_id || ':' || la.cycle, la.opened_at
      from learner_assignments la
        join assignments a on a.id = la.assignment_id and a.withdrawn_at is null
        join users u on u.id = la.user_id and u.active
        join ${TRAINING_SUBJECTS} c
          on c.id = coalesce(la.course_id, la.programme_id) and c.published
      where la.closed_at is null and la.completed_at is null and la.opened_at >= ${since} and ${who(sql`la.user_id`)}
      on conflict (dedupe_key) do nothing returning id`,
    // A certificate issued (re-issues after a name correction are not news).
    sql`insert into notifications (user_id, kind, params, link, dedupe_key, created_at)
      select ce.user_id, 'certificate_issued',
        jsonb_build_object('subject', case when ce.programme_id is null then 'certificate' else 'programme' end, 'slug', ce.course_slug, 'titleVi', ce.course_title_vi, 'titleEn', ce.course_title_en, 'code', ce.code),
        '/certificates/' || ce.code, 'certificate_issued:' || ce.id, ce.issued_at
      from certificates ce join users u on u.id = ce.user_id and u.active
      where ce.issued_at >= ${since} and ce.revoked_at is null and ce.replaced_by_id is null
        and ce.replaces_id is null
        and ${who(sql`ce.user_id`)}
      on conflict (dedupe_key) do nothing returning id`,
    // A certificate about to expire, when no later certificate of the same course outlives it.
    sql`insert into notifications (user_id, kind, params, link, dedupe_key)
      select ce.user_id, 'certificate_expiring',
        jsonb_build_object('subject', case when ce.programme_id is null then 'course' else 'programme' end,
          'slug', ce.course_slug, 'titleVi', ce.course_title_vi, 'titleEn', ce.course_title_en,
          'code', ce.code, 'expiresOn', to_char(ce.valid_until at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')),
        case when ce.programme_id is null then '/courses/' else '/learning/programmes/' end || ce.course_slug, 'certificate_expiring:' || ce.id
      from certificates ce join users u on u.id = ce.user_id and u.active
      where ce.revoked_at is null and ce.replaced_by_id is null and ce.valid_until is not null
        and ce.valid_until > ${ts(now)} and ce.valid_until <= ${ts(now)} + make_interval(days => ${EXPIRY_NOTICE_DAYS})
        and not exists (select 1 from certificates o where o.user_id = ce.user_id and o.course_id is not distinct from ce.course_id
          and o.programme_id is not distinct from ce.programme_id and o.id <> ce.id
          and o.revoked_at is null and o.replaced_by_id is null and (o.valid_until is null or o.valid_until > ce.valid_until))
        and ${who(sql`ce.user_id`)}
      on conflict (dedupe_key) do nothing returning id`,
  ];
  const ids: string[] = [];
  for (const statement of statements) ids.push(...rowsOf<{ id: string }>(await db.execute(statement)).map((r) => r.id));
  return ids;
}

/** What makes a course change "substantial": the set of its active lessons and graded quizzes (not their wording). */
export function courseStructureKey(lessons: readonly { slug: string; gradedQuizzes: readonly string[] }[]) {
  const text = lessons.map((l) => `${l.slug}[${[...l.gradedQuizzes].sort().join(",")}]`).join("|");
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * A course changed substantially (its lessons or graded quizzes were added, removed or reordered): everyone whose
 * current cycle of it is not complete is told once per new structure, whichever instance syncs the catalogue.
 */
export async function notifyCourseChanged(db: Db, courseId: string, structureKey: string): Promise<string[]> {
  const result = await db.execute(sql`
    insert into notifications (user_id, kind, params, link, dedupe_key)
    select e.user_id, 'course_changed',
      jsonb_build_object('subject', 'course', 'slug', c.slug, 'titleVi', c.title_vi, 'titleEn', c.title_en),
      '/courses/' || c.slug, 'course_changed:' || c.id || ':' || ${structureKey} || ':' || e.user_id
    from enrolments e join courses c on c.id = e.course_id and c.published join users u on u.id = e.user_id and u.active
    where e.course_id = ${courseId} and e.completed_at is null
    on conflict (dedupe_key) do nothing returning id`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}
