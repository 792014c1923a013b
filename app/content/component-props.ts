import { z } from "zod";

// Props that authors may write on each lesson component. The compiler validates every element
// against these (unknown props are errors) before rendering, so components can trust their props.

const text = z.string().trim().min(1);
const empty = z.strictObject({});

export const CALLOUT_TYPES = ["note", "tip", "warning"] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

export const componentPropSchemas = {
  Callout: z.strictObject({ type: z.enum(CALLOUT_TYPES).default("note"), title: text.optional() }),
  Figure: z.strictObject({
    src: text,
    alt: z.string().trim().min(1, "alt text must describe the image"),
    caption: text.optional(),
  }),
  Video: z.strictObject({ src: text, captions: text, title: text }),
  KeyTakeaways: empty,
  Term: z.strictObject({ def: text }),
  Exercise: z.strictObject({ title: text }),
  Steps: empty,
  Objectives: empty,
  ModelAnswer: empty,
  Rubric: empty,
} as const;

export type LessonComponentName = keyof typeof componentPropSchemas;

export function isLessonComponent(name: string): name is LessonComponentName {
  return Object.hasOwn(componentPropSchemas, name);
}

/** Elements that only make sense inside a <Quiz>; the quiz extractor removes them all. */
export const QUIZ_PARTS = ["Quiz", "Question", "Choice", "Pair", "Item", "Accept", "Explanation"] as const;

/** Lower-case HTML that prose may use; anything else is reported (spec: no raw HTML). */
export const ALLOWED_HTML = ["br", "sub", "sup", "kbd", "abbr"] as const;
