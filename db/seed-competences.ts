import { and, asc, eq } from "drizzle-orm";
import { issueCertificate } from "../app/certificates/issue.server";
import type { Db } from "./client";
import { competenceSelfAssessments, courses, enrolments, lessonProgress, lessons, orgUnits, userRoles, users } from "./schema";

/**
 * Colleagues of the demo accounts at the National Library and in Nghệ An (never Lạng Sơn, whose staff the demo
 * assignment counts), with completed courses, certificates and self-assessments, so the competence heatmap has
 * something to show on a fresh start. They have no password: nobody signs in as them.
 */
export const DEMO_COLLEAGUES: { email: string; name: string; unit: string; job: string; courses: string[] }[] = [
  { email: "pham.minh.chau", name: "Phạm Minh Châu", unit: "TVQG-PV", job: "Thủ thư", courses: ["digital-foundations-for-library-staff", "digital-library-services"] },
  { email: "do.thi.thu", name: "Đỗ Thị Thu", unit: "TVQG-PV", job: "Thủ thư", courses: ["digital-foundations-for-library-staff"] },
  { email: "bui.quang.huy", name: "Bùi Quang Huy", unit: "TVQG-PV", job: "Thủ thư", courses: [] },
  { email: "vu.thanh.mai", name: "Vũ Thanh Mai", unit: "TVQG-BM", job: "Biên mục viên", courses: ["ai-in-library-services", "data-literacy-for-libraries"] },
  { email: "ngo.duc.anh", name: "Ngô Đức Anh", unit: "TVQG-BM", job: "Biên mục viên", courses: ["ai-in-library-services"] },
  { email: "dang.thu.ha", name: "Đặng Thu Hà", unit: "TVQG-CNTT", job: "Kỹ thuật viên", courses: ["personal-data-protection-in-libraries", "data-literacy-for-libraries", "digital-foundations-for-library-staff"] },
  { email: "ly.van.khoa", name: "Lý Văn Khoa", unit: "TVQG-CNTT", job: "Kỹ thuật viên", courses: ["personal-data-protection-in-libraries"] },
  { email: "ho.ngoc.lan", name: "Hồ Ngọc Lan", unit: "NA-PV", job: "Thủ thư", courses: ["digital-library-services"] },
  { email: "tran.van.binh", name: "Trần Văn Bình", unit: "NA-PV", job: "Thủ thư", courses: [] },
  { email: "le.thi.nga", name: "Lê Thị Nga", unit: "NA-SH", job: "Cán bộ số hóa", courses: ["digital-library-services", "digital-foundations-for-library-staff"] },
  { email: "nguyen.huu.tai", name: "Nguyễn Hữu Tài", unit: "NA-SH", job: "Cán bộ số hóa", courses: ["ai-in-library-services"] },
];

/** Self-assessed levels: a person's own view, often a level or two above what their certificates show. */
const SELF_COMPETENCES = ["1.1", "1.2", "1.3", "2.1", "2.4", "3.1", "3.3", "4.1", "4.2", "5.2", "6.1", "6.2"];

export async function seedDemoCompetences(db: Db) {
  const units = new Map((await db.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits)).map((u) => [u.code, u.id]));
  const catalogue = new Map(
    (await db.select({ id: courses.id, slug: courses.slug }).from(courses).where(eq(courses.published, true))).map((c) => [c.slug, c.id]),
  );
  for (const [i, c] of DEMO_COLLEAGUES.entries()) {
    const email = `${c.email}@skillshelf.local`;
    const inserted = await db
      .insert(users)
      .values({ email, fullName: c.name, staffNumber: `DEMO-${String(i + 1).padStart(3, "0")}`, jobTitle: c.job, orgUnitId: units.get(c.unit) })
      .onConflictDoNothing()
      .returning({ id: users.id });
    // Only a colleague created now gets their history: seeding never changes what exists.
    const id = inserted[0]?.id;
    if (!id) continue;
    await db.insert(userRoles).values({ userId: id, role: "learner" }).onConflictDoNothing();
    for (const [k, slug] of c.courses.entries()) {
      const courseId = catalogue.get(slug);
      if (!courseId) continue;
      const completedAt = new Date(Date.now() - (20 + 35 * k + 9 * i) * 86_400_000);
      const startedAt = new Date(completedAt.getTime() - 14 * 86_400_000);
      await db.insert(enrolments).values({ userId: id, courseId, startedAt, lastActivityAt: completedAt, completedAt }).onConflictDoNothing();
      // A completed course has every lesson done, one after another over the fortnight (reports and the trainer's
      // per-lesson figures read these rows; without them a "completed" person showed 0 of 6 lessons).
      const courseLessons = await db
        .select({ id: lessons.id })
        .from(lessons)
        .where(and(eq(lessons.courseId, courseId), eq(lessons.active, true)))
        .orderBy(asc(lessons.position));
      const step = (completedAt.getTime() - startedAt.getTime()) / Math.max(courseLessons.length, 1);
      if (courseLessons.length > 0) {
        await db
          .insert(lessonProgress)
          .values(
            courseLessons.map((lesson, n) => {
              const done = new Date(startedAt.getTime() + step * (n + 1));
              return { userId: id, lessonId: lesson.id, firstOpenedAt: new Date(done.getTime() - 3_600_000), lastOpenedAt: done, completedAt: done };
            }),
          )
          .onConflictDoNothing();
      }
      await issueCertificate(db, { userId: id, courseId, completedAt, cycle: 1 });
    }
    // Most colleagues assessed themselves; two did not yet (the heatmap's "self-assessed" column shows it).
    if (i % 5 === 2) continue;
    await db
      .insert(competenceSelfAssessments)
      .values(SELF_COMPETENCES.filter((_, j) => (i + j) % 3 !== 0).map((competenceId, j) => ({ userId: id, competenceId, level: 1 + ((i * 3 + j * 2) % 6) })))
      .onConflictDoNothing();
  }
}
