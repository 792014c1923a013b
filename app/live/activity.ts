import type { liveActivities } from "../../db/schema/live";

type Activity = typeof liveActivities.$inferSelect;

/** Public fields of an activity: a quiz's right answers only once revealed. */
export function publicActivity(activity: Pick<Activity, "id" | "kind" | "prompt" | "options" | "multiple" | "scaleMax" | "locked" | "revealed" | "correct">) {
  return {
    id: activity.id,
    kind: activity.kind,
    prompt: activity.prompt,
    options: activity.options,
    multiple: activity.multiple,
    scaleMax: activity.scaleMax,
    locked: activity.locked,
    revealed: activity.revealed,
    correct: activity.revealed ? activity.correct : [],
  };
}
export type PublicActivity = ReturnType<typeof publicActivity>;
