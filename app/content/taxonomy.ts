// The lists the catalogue filters on, without zod: pages import them from here, so the browser never downloads the
// schema library for a select's options (./schema.ts builds the course schema from the same lists).

export const CONTENT_LANGS = ["vi", "en"] as const;
export type Lang = (typeof CONTENT_LANGS)[number];
export type LangMap<T> = Partial<Record<Lang, T>>;

/** Extend this list to add a topic; the course schema and the catalogue follow it. */
export const COURSE_TOPICS = ["ai", "data", "digital-services"] as const;
export type CourseTopic = (typeof COURSE_TOPICS)[number];

export const COURSE_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];
