import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import type { Db } from "../../db/client";
import { AssignmentEditSchema, AssignmentSchema } from "./schemas";
import { type Actor, type Outcome } from "./assignments.server";
import { countTargeted } from "./assignment-sync.server";
import { peopleByIds, searchPeople } from "./assignment-people.server";
import { hrVisibleUnits } from "~/platform/org-scope.server";

export type PersonOption = { id: string; fullName: string; email: string; unitName: string | null };

/**
 * The assignment form posts one of three intents, all with the whole form so nothing typed is lost without
 * JavaScript: "search" (find people to add), "preview" (how many people it covers) and "save".
 * Save hands the parsed value to `save`; field errors (zod or the domain's) come back with 400 (403 for scope).
 */
export async function handleAssignmentForm(
  db: Db,
  actor: Actor,
  formData: FormData,
  options: { edit: boolean; save: (value: never) => Promise<Outcome | null> },
) {
  const schema = options.edit ? AssignmentEditSchema : AssignmentSchema;
  const intent = formData.get("intent");
  const submission = parseWithZod(formData, { schema });
  const pickedIds = formData.getAll("people").filter((v): v is string => typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v));
  const selected: PersonOption[] = await peopleByIds(db, actor, pickedIds);
  const query = String(formData.get("peopleQuery") ?? "").slice(0, 100);
  const keep = { initialValue: submission.payload as Record<string, string> };
  if (selected.length !== new Set(pickedIds).size || pickedIds.length !== formData.getAll("people").length) {
    // An id that is not a person in the actor's scope (forged, or from another subtree): one plain error,
    // the same whether the person exists elsewhere or not.
    const result = submission.reply({ fieldErrors: { people: ["assignments.errors.people"] } });
    return data({ result, selected, results: null, query, coverage: null }, { status: 400 });
  }

  if (intent === "search") {
    const found = await searchPeople(db, actor, query);
    return { result: keep, selected, results: found.filter((p) => !pickedIds.includes(p.id)), query, coverage: null };
  }
  if (intent === "preview") {
    const scope = await hrVisibleUnits(db, actor);
    const coverage = submission.status === "success" ? await countTargeted(db, submission.value, scope) : null;
    const result = submission.status === "success" ? keep : submission.reply();
    return data({ result, selected, results: null, query, coverage }, { status: coverage === null ? 400 : 200 });
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply(), selected, results: null, query, coverage: null }, { status: 400 });
  }
  const outcome = await options.save(submission.value as never);
  if (!outcome) throw data({ reason: "not-found" }, { status: 404 });
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: outcome.fieldErrors as Record<string, string[]> }), selected, results: null, query, coverage: null },
      { status: outcome.status },
    );
  }
  return { id: outcome.id };
}
