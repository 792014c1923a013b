// Seeds the reports benchmark's organisation with set-based SQL (generate_series), never row by row.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client";
import { rowsOf } from "../../app/platform/org-scope.server";

const COURSES = 20;
const LESSONS_PER_COURSE = 15;
const UNITS = 200;

/** Everything with generate_series: no row-by-row inserts. */
export async function seed(handle: DbHandle, people: number) {
  const { db } = handle;
  const started = performance.now();
  // One national root, 19 provincial libraries, 180 departments (9 per province).
  await db.execute(sql`insert into org_units (code, name, name_en) values ('BN-0', 'Mạng lưới thư viện', 'Library network')`);
  await db.execute(sql`insert into org_units (code, name, name_en, parent_id)
    select 'BN-' || i, 'Thư viện tỉnh số ' || i, 'Provincial library ' || i, (select id from org_units where code = 'BN-0')
    from generate_series(1, 19) i`);
  await db.execute(sql`insert into org_units (code, name, name_en, parent_id)
    select 'BN-' || i, 'Phòng nghiệp vụ ' || i, 'Department ' || i, p.id
    from generate_series(20, ${UNITS - 1}) i join org_units p on p.code = 'BN-' || (1 + (i - 20) % 19)`);
  // People in departments and provincial libraries (not the root).
  await db.execute(sql`insert into users (email, full_name, staff_number, job_title, org_unit_id)
    select 'bench' || i || '@bench.test',
      (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[1 + i % 8] || ' ' ||
      (array['Thị','Văn','Hữu','Đức','Minh'])[1 + i % 5] || ' ' ||
      (array['An','Bình','Cường','Dung','Giang','Hà','Khánh','Lan','Mai','Ngọc'])[1 + i % 10] || ' ' || i,
      'BN-' || lpad(i::text, 6, '0'), 'Thủ thư', o.id
    from generate_series(1, ${people}) i join org_units o on o.code = 'BN-' || (1 + i % ${UNITS - 1})`);
  await db.execute(sql`insert into courses (slug, topic, level, estimated_minutes, title_vi, title_en, summary_vi, published, content_hash)
    select 'bench-course-' || c, (array['ai','data','digital-services'])[1 + c % 3], 'beginner', 90,
      'Khóa học số ' || c, 'Course ' || c, 'Tóm tắt', true, 'h' || c
    from generate_series(1, ${COURSES}) c`);
  await db.execute(sql`insert into lessons (course_id, slug, position, title_vi, minutes, content_hash)
    select co.id, 'lesson-' || l, l, 'Bài ' || l, 10, 'h'
    from courses co cross join generate_series(1, ${LESSONS_PER_COURSE}) l where co.slug like 'bench-course-%'`);
  // Enrolments: about 75% of person × course pairs; about half of them completed in the last year.
  await db.execute(sql`insert into enrolments (user_id, course_id, started_at, last_activity_at, completed_at)
    select u.id, co.id, now() - interval '400 days' + (h % 300) * interval '1 day', now(),
      case when h % 100 < 38 then now() - (h % 360) * interval '1 day' end
    from (select u.id, co.id as cid, abs(hashtext(u.id::text || co.id::text)) as h from users u cross join courses co
          where u.email like 'bench%' and co.slug like 'bench-course-%') x
    join users u on u.id = x.id join courses co on co.id = x.cid
    where x.h % 100 < 75`);
  // Lesson progress: every lesson of a completed course, the first few of one in progress (~2 million rows at 10,000 staff).
  await db.execute(sql`insert into lesson_progress (user_id, lesson_id, first_opened_at, last_opened_at, completed_at)
    select e.user_id, l.id, e.started_at, e.started_at, coalesce(e.completed_at, e.started_at + interval '1 day')
    from enrolments e join lessons l on l.course_id = e.course_id
    where e.completed_at is not null or l.position <= 1 + abs(hashtext(e.user_id::text)) % ${LESSONS_PER_COURSE - 1}`);
  // Assignments: each course to the whole network or to a few provinces; due dates around today.
  await db.execute(sql`insert into assignments (course_id, org_unit_id, include_descendants, due_on)
    select co.id, o.id, true, to_char(now() + ((c % 7) - 3) * interval '20 days', 'YYYY-MM-DD')
    from generate_series(1, ${COURSES}) c
    join courses co on co.slug = 'bench-course-' || c
    join org_units o on o.code = case when c % 4 = 0 then 'BN-0' else 'BN-' || (1 + c % 19) end`);
  await db.execute(sql`insert into learner_assignments (assignment_id, user_id, cycle, course_id, due_on, completed_at)
    select a.id, u.id, 1, a.course_id, a.due_on, e.completed_at
    from assignments a
    join org_units root on root.id = a.org_unit_id
    join org_units o on o.id = root.id or o.parent_id = root.id or o.parent_id in (select id from org_units where parent_id = root.id)
    join users u on u.org_unit_id = o.id
    left join enrolments e on e.user_id = u.id and e.course_id = a.course_id`);
  // Certificates for the completions (a tenth expired, a tenth expiring, one in twenty revoked), each naming three
  // competences at levels spread over 1–8, and self-assessments of 12 competences by two people in three.
  await db.execute(sql`insert into certificates (code, user_id, course_id, cycle, full_name, course_slug, course_title_vi, course_version,
      competences, issuer, completed_at, valid_until, revoked_at)
    select upper(md5(e.user_id::text || e.course_id::text)), e.user_id, e.course_id, 1, 'Bench', co.slug, co.title_vi, 'v1',
      jsonb_build_array(
        jsonb_build_object('id', (1 + e.h % 6)::text || '.1', 'level', 1 + e.h % 6),
        jsonb_build_object('id', '1.' || (1 + e.h % 3)::text, 'level', 1 + (e.h / 7) % 8),
        jsonb_build_object('id', '4.2', 'level', 2 + e.h % 4)),
      '{"nameVi":"Bench","nameEn":"Bench","url":"http://localhost"}'::jsonb, e.completed_at,
      case when e.h % 10 = 0 then now() - interval '1 day' when e.h % 10 = 1 then now() + interval '30 days' end,
      case when e.h % 20 = 5 then now() end
    from (select x.user_id, x.course_id, x.completed_at, abs(hashtext(x.user_id::text || x.course_id::text)) as h
          from enrolments x where x.completed_at is not null) e
    join courses co on co.id = e.course_id`);
  await db.execute(sql`insert into competence_self_assessments (user_id, competence_id, level)
    select u.id, c.id, 1 + abs(hashtext(u.id::text || c.id)) % 8
    from users u cross join (values ('1.1'), ('1.2'), ('1.3'), ('2.1'), ('2.4'), ('3.1'), ('3.3'), ('4.1'), ('4.2'), ('5.2'), ('6.1'), ('6.2')) c(id)
    where u.org_unit_id is not null and abs(hashtext(u.id::text)) % 3 <> 0`);
  await db.execute(sql`analyze`);
  // The certificates' triggers filled competence_reach in one bulk statement; autovacuum (on by default) would soon
  // mark its pages all-visible, which the heatmap's index-only scan needs. The bench reads at once, so it does it here.
  await db.execute(sql`vacuum competence_reach`);
  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
  const sizes = {
    org_units: await count("org_units"),
    users: await count("users"),
    lessons: await count("lessons"),
    enrolments: await count("enrolments"),
    lesson_progress: await count("lesson_progress"),
    learner_assignments: await count("learner_assignments"),
    certificates: await count("certificates"),
    competence_self_assessments: await count("competence_self_assessments"),
  };
  return { seconds: (performance.now() - started) / 1000, sizes };
}
