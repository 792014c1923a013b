import { useTranslation } from "react-i18next";
import type { PublicActivity } from "../activity";
import type { Results } from "../state.server";
import { LIMITS } from "../limits";
import { ResultsView } from "./results-view";

type Own = { answer: { choices: number[]; value: number | null; text: string | null } | null; upvoted: string[] };

/**
 * The current activity on a participant's phone: plain forms (they post without JavaScript; /live.js sends them with
 * fetch when it can) and, once revealed (the wall: always), the results.
 */
export function ParticipantActivity({ activity, own, results, canAct }: { activity: PublicActivity; own: Own; results: Results | null; canAct: boolean }) {
  const { t } = useTranslation();
  const open = canAct && !activity.locked;
  return (
    <section aria-labelledby="activity-prompt" className="space-y-4">
      <h2 id="activity-prompt" className="text-xl font-semibold">
        {activity.prompt}
      </h2>
      {activity.locked ? <p className="font-semibold">{t("live.lockedNotice")}</p> : null}
      {open && activity.kind !== "wall" ? <AnswerForm activity={activity} own={own} /> : null}
      {open && activity.kind === "wall" ? (
        <form method="post" data-live-form className="space-y-2">
          <input type="hidden" name="intent" value="post" />
          <input type="hidden" name="activity" value={activity.id} />
          <label htmlFor="post-body" className="block font-semibold">
            {t("live.yourPost")}
          </label>
          <textarea id="post-body" name="body" rows={3} required maxLength={LIMITS.post} className="field-input" aria-describedby="post-hint" />
          <p id="post-hint" className="text-sm text-stone-600">
            {t("live.postHint", { max: LIMITS.post })}
          </p>
          <button type="submit" className="btn-primary">
            {t("live.send")}
          </button>
        </form>
      ) : null}
      {!canAct && activity.kind !== "wall" && own.answer ? <p>{t("live.youAnswered")}</p> : null}
      {results ? (
        <div id="live-results" data-kind={results.kind}>
          {activity.kind !== "wall" ? <h3 className="text-lg font-semibold">{t("live.results")}</h3> : null}
          <ResultsView
            activity={activity}
            results={results}
            postActions={
              open
                ? (post) => (
                    <form method="post" data-live-form>
                      <input type="hidden" name="intent" value="upvote" />
                      <input type="hidden" name="post" value={post.id} />
                      <button type="submit" className="btn-secondary py-1 text-sm" aria-pressed={own.upvoted.includes(post.id)}>
                        ▲ {t("live.upvote")}
                      </button>
                    </form>
                  )
                : undefined
            }
          />
        </div>
      ) : null}
    </section>
  );
}

function AnswerForm({ activity, own }: { activity: PublicActivity; own: Own }) {
  const { t } = useTranslation();
  const mine = own.answer;
  return (
    <form method="post" data-live-form className="space-y-3">
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="activity" value={activity.id} />
      {activity.kind === "words" ? (
        <div className="space-y-1">
          <label htmlFor="word" className="block font-semibold">
            {t("live.yourWord")}
          </label>
          <input id="word" name="text" required maxLength={LIMITS.word} defaultValue={mine?.text ?? ""} className="field-input" autoComplete="off" />
        </div>
      ) : (
        <fieldset className="space-y-2">
          <legend className="font-semibold">{activity.kind === "rating" ? t("live.rateHint", { max: activity.scaleMax }) : activity.multiple ? t("live.pickSome") : t("live.pickOneHint")}</legend>
          {(activity.kind === "rating" ? Array.from({ length: activity.scaleMax }, (_, i) => String(i + 1)) : activity.options).map((label, i) => {
            const value = activity.kind === "rating" ? i + 1 : i;
            const checked = activity.kind === "rating" ? mine?.value === value : (mine?.choices.includes(i) ?? false);
            return (
              <label key={i} className="flex min-h-11 items-center gap-3 rounded-md border border-stone-300 bg-white px-3 py-2">
                <input
                  type={activity.multiple ? "checkbox" : "radio"}
                  name={activity.kind === "rating" ? "value" : "choice"}
                  value={value}
                  defaultChecked={checked}
                  required={!activity.multiple}
                  className="size-5"
                />
                <span>{label}</span>
              </label>
            );
          })}
        </fieldset>
      )}
      <button type="submit" className="btn-primary">
        {mine ? t("live.change") : t("live.send")}
      </button>
      {mine ? <p className="text-sm text-stone-700">{t("live.canChange")}</p> : null}
    </form>
  );
}
