import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Db } from "../../db/client";
import { MODERATION, type Moderation, moderatePost } from "./moderation.server";
import { parseSessionForm } from "./courses.server";
import { ActivitySchema, AnswerSchema, uuidParam } from "./schemas";
import { type RunCommand, type Trainer, type TrainerSession, addActivity, deleteActivity, deleteSession, moveActivity, runSession, updateSession } from "./sessions.server";

const BACK = { edit: "", present: "/present", results: "/results" } as const;
const RUN = new Set(["start", "close", "reopen", "show", "step", "lock", "unlock", "reveal", "conceal"]);

const bad = (message = "validation.invalid", status = 400) => data({ form: null as string | null, result: null, message }, { status });

/**
 * Every form of the trainer's session pages (edit, presenter, results) posts here with an `intent`; a success goes
 * back to the page named by `back`. Ids are looked up inside this session only, so another session's id is a 404.
 */
export async function handleTrainerPost(db: Db, user: Trainer & { email: string }, found: TrainerSession, form: FormData) {
  const id = found.session.id;
  const intent = String(form.get("intent") ?? "");
  const back = form.get("back");
  const target = `/trainer/live/${id}${BACK[(typeof back === "string" && back in BACK ? back : "edit") as keyof typeof BACK]}`;
  const activity = () => {
    const parsed = uuidParam.safeParse(form.get("activity"));
    return parsed.success ? parsed.data : null;
  };
  if (intent === "settings") {
    const { value, reply } = parseSessionForm(form, user);
    if (!value) return data({ form: intent, result: reply, message: null }, { status: 400 });
    await updateSession(db, user, id, value);
    throw redirect(target, 303);
  }
  if (intent === "add") {
    const submission = parseWithZod(form, { schema: ActivitySchema });
    if (submission.status !== "success") return data({ form: intent, result: submission.reply(), message: null }, { status: 400 });
    await addActivity(db, found.session, submission.value);
    throw redirect(`${target}#activities`, 303);
  }
  if (intent === "delete-activity" || intent === "move") {
    const activityId = activity();
    if (!activityId || !found.activities.some((a) => a.id === activityId)) return bad("live.errors.noActivity", 404);
    if (intent === "delete-activity") await deleteActivity(db, user, found.session, activityId);
    else {
      const direction = form.get("direction");
      if (direction !== "up" && direction !== "down") return bad();
      await moveActivity(db, found.session, activityId, direction);
    }
    throw redirect(`${target}#activities`, 303);
  }
  if (intent === "moderate") {
    const post = uuidParam.safeParse(form.get("post"));
    const action = form.get("action");
    if (!post.success || typeof action !== "string" || !MODERATION.includes(action as Moderation)) return bad();
    const answer = AnswerSchema.safeParse({ answer: form.get("answer") ?? "" });
    if (!answer.success) return bad("live.errors.answerTooLong");
    if (!(await moderatePost(db, user, id, post.data, action as Moderation, answer.data.answer))) return bad("live.errors.noPost", 404);
    throw redirect(target, 303);
  }
  if (intent === "delete-session") {
    await deleteSession(db, user, id);
    throw redirect("/trainer/live", 303);
  }
  if (RUN.has(intent)) {
    let command: RunCommand;
    if (intent === "step") {
      const direction = form.get("direction");
      if (direction !== "prev" && direction !== "next") return bad();
      command = { intent, direction };
    } else if (intent === "start" || intent === "close" || intent === "reopen") command = { intent };
    else {
      const activityId = activity();
      if (!activityId) return bad("live.errors.noActivity");
      command = { intent: intent as "show", activityId };
    }
    if (!(await runSession(db, user, found, command))) return bad("live.errors.noActivity", 404);
    throw redirect(target, 303);
  }
  return bad("live.errors.unknownIntent");
}
