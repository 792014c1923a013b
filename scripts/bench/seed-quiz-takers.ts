// Prepares distinct learners for the quiz benchmark, straight in the database (like the tests'
// login fixture): a session each and an open attempt at the AI course's final quiz. Prints JSON.
import { sql } from "drizzle-orm";
import { users, userRoles } from "../../db/schema";
import { loadAnswerKeys, loadEntry } from "../../app/content/store.server";
import { CONTENT_CACHE_DIR, getCourseContent } from "../../app/content/content.server";
import { findLesson, recordLessonVisit } from "../../app/learning/progress.server";
import { startAttempt } from "../../app/quizzes/attempts.server";
import { connect } from "../../app/platform/db.server";
import { createSession, generateSessionToken } from "../../app/platform/session.server";

export const BENCH_COURSE = "ai-in-library-services";
export const BENCH_LESSON = "ethics-privacy-copyright";

const count = Number(process.argv[2] ?? 1000);
const handle = await connect();
const db = handle.db;
const lesson = (await findLesson(db, BENCH_COURSE, BENCH_LESSON))!;
const key = getCourseContent(BENCH_COURSE)!.lessons.find((l) => l.slug === BENCH_LESSON)!.entries.vi!;
const spec = loadAnswerKeys(CONTENT_CACHE_DIR, key)!.find((q) => q.id === "final")!;
const publicQuiz = loadEntry(CONTENT_CACHE_DIR, key)!.quizzes.find((q) => q.id === "final")!;
const out: { cookie: string; attemptId: string }[] = [];
const stamp = Date.now().toString(36);
for (let i = 0; i < count; i++) {
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${stamp}-${i}@thuvien.test`, fullName: `Học viên thử nghiệm ${i}` })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: user!.id, role: "learner" });
  const token = generateSessionToken();
  await createSession(db, token, user!.id);
  await recordLessonVisit(db, user!.id, lesson);
  const started = await startAttempt(
    db,
    { userId: user!.id, courseId: lesson.courseId, lessonId: lesson.id, quizId: "final" },
    { spec, publicQuiz, lang: "vi" },
  );
  if ("refused" in started) throw new Error(`attempt refused: ${started.refused}`);
  out.push({ cookie: `skillshelf_session=${token}`, attemptId: started.attemptId });
}
const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from quiz_attempts where status = 'in_progress'`).then(
  (r) => ((r as unknown as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[])),
);
await handle.close();
process.stdout.write(JSON.stringify({ takers: out, open: row?.n ?? 0 }));
