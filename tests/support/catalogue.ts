import type { Db } from "../../db/client";
import type { LessonEntry, Manifest, ManifestCourse } from "../../app/content/manifest";
import { syncCatalogue } from "../../app/learning/catalogue-sync.server";

type LessonSpec = { slug: string; vi: string; en?: string; text?: string; quizzes?: { id: string; graded: boolean }[] };

/** A course as the content build would describe it, with entries holding the given text. */
export function fakeCourse(slug: string, lessons: LessonSpec[], options: Partial<ManifestCourse> = {}) {
  const entries = new Map<string, LessonEntry>();
  const entry = (key: string, text: string) => {
    entries.set(key, { segments: [{ kind: "html", html: `<p>${text}</p>` }], toc: [], quizzes: [], plainText: text, wordCount: 1 });
    return key;
  };
  const course: ManifestCourse = {
    slug,
    contentHash: `hash-${slug}-${lessons.map((l) => l.slug).join(",")}`,
    published: true,
    topic: "ai",
    level: "beginner",
    estimatedMinutes: 60,
    competences: [{ id: "6.1", level: 3 }],
    owners: ["trainer@skillshelf.local"],
    validForMonths: null,
    title: { vi: `Khóa ${slug}`, en: `Course ${slug}` },
    summary: { vi: "Tóm tắt", en: "Summary" },
    overview: { vi: entry(`${slug}-overview-vi`, "Giới thiệu"), en: entry(`${slug}-overview-en`, "Overview") },
    languages: ["vi", "en"],
    cover: false,
    lessons: lessons.map((l, i) => ({
      slug: l.slug,
      order: i + 1,
      minutes: 10,
      title: { vi: l.vi, en: l.en ?? l.vi },
      summary: {},
      entries: { vi: entry(`${slug}-${l.slug}-vi`, l.text ?? l.vi), en: entry(`${slug}-${l.slug}-en`, l.en ?? l.vi) },
      languages: ["vi", "en"],
      quizzes: (l.quizzes ?? []).map((q) => ({ id: q.id, graded: q.graded, passMark: 70, questionCount: 3, title: { vi: q.id } })),
    })),
    ...options,
  };
  return { course, entries };
}

export async function syncFake(db: Db, ...items: ReturnType<typeof fakeCourse>[]) {
  const manifest: Manifest = { version: 1, compilerVersion: "test", builtAt: new Date().toISOString(), courses: items.map((i) => i.course), files: {} };
  const all = new Map(items.flatMap((i) => [...i.entries]));
  await syncCatalogue(db, manifest, (key) => all.get(key) ?? null);
}
