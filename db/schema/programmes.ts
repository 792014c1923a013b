import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { userRef } from "./accounts";
import { courseRef } from "./learning";

/** Programmes (synced from content/programmes/*.yaml like the catalogue) and who follows one of their own accord. */

export const programmes = pgTable(
  "programmes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    descriptionVi: text("description_vi").notNull(),
    descriptionEn: text("description_en"),
    /** "Any N of" the optional courses; 0 when the programme has none. */
    optionalPick: integer("optional_pick").notNull().default(0),
    optionalTitleVi: text("optional_title_vi"),
    optionalTitleEn: text("optional_title_en"),
    published: boolean("published").notNull().default(true),
    /** Hash of the file: the certificate freezes it as the programme's version. */
    contentHash: text("content_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("programmes_slug_key").on(t.slug)],
);

/** The programme a row is about (the sync never deletes a programme: it unpublishes it). */
export const programmeRef = () => uuid("programme_id").notNull().references(() => programmes.id);

/** The courses of a programme, in order; prerequisites are other courses of the same programme. */
export const programmeCourses = pgTable(
  "programme_courses",
  {
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    courseId: courseRef(),
    position: integer("position").notNull(),
    /** false: required; true: one of the "any N of" group. */
    optional: boolean("optional").notNull().default(false),
    /** Courses (ids, of this programme) to complete before this one opens. */
    requires: uuid("requires").array().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.courseId] }), index("programme_courses_course_idx").on(t.courseId)],
);

/** A learner who started a programme themselves (an assignment makes them follow it too). */
export const programmeEnrolments = pgTable(
  "programme_enrolments",
  {
    userId: userRef(),
    programmeId: programmeRef(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.programmeId] }), index("programme_enrolments_programme_idx").on(t.programmeId)],
);
