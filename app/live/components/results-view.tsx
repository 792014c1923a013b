import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "~/i18n/numbers";
import type { PublicActivity } from "../activity";
import type { Results, WallPost } from "../state.server";
import { cloudStep } from "../tally";

// Bars are <meter> elements: no inline style (the CSP allows none), and read out by screen readers as values.
const CLOUD_SIZES = ["", "text-base", "text-xl", "text-2xl", "text-4xl", "text-5xl"];

type Props = {
  activity: Pick<PublicActivity, "kind" | "options" | "correct" | "scaleMax" | "revealed">;
  results: Results;
  large?: boolean;
  /** Buttons shown with each wall post (moderation on the trainer's pages, upvotes on the participant's). */
  postActions?: (post: WallPost) => ReactNode;
};

export function ResultsView({ activity, results, large = false, postActions }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (results.kind === "wall") return <Wall posts={results.posts} large={large} postActions={postActions} />;
  if (results.kind === "words") {
    const max = results.words[0]?.count ?? 1;
    return (
      <div>
        <p className="text-stone-700">
          {t("live.answersLabel")}: <span data-live-voters>{formatNumber(results.voters, lang)}</span>
        </p>
        {results.words.length === 0 ? (
          <p className="mt-2">{t("live.noWords")}</p>
        ) : (
          <ul className="mt-3 flex flex-wrap items-baseline gap-x-5 gap-y-2" aria-label={t("live.cloud")} data-live-cloud>
            {results.words.slice(0, 80).map((w) => (
              <li key={w.word} className={`font-semibold text-brand-800 ${CLOUD_SIZES[cloudStep(w.count, max)]}`}>
                <span data-word>{w.word}</span> <span className="text-sm font-normal text-stone-600">({formatNumber(w.count, lang)})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const labels = results.kind === "rating" ? results.counts.map((_, i) => String(i + 1)) : activity.options;
  const voters = results.voters;
  return (
    <div>
      <p className="text-stone-700">
        {t("live.answersLabel")}: <span data-live-voters>{formatNumber(voters, lang)}</span>
        {results.kind === "rating" ? (
          <>
            {" · "}
            {t("live.meanLabel")}: <span data-live-mean>{results.mean === null ? "—" : formatNumber(results.mean, lang)}</span>
          </>
        ) : null}
      </p>
      <ol className={`mt-3 ${large ? "space-y-4" : "space-y-2"}`}>
        {labels.map((label, i) => {
          const n = results.counts[i] ?? 0;
          const right = activity.kind === "quiz" && activity.revealed && activity.correct.includes(i);
          const share = voters ? (n / voters) * 100 : 0;
          return (
            <li key={i} data-live-bar={i}>
              <div className={`flex justify-between gap-3 ${large ? "text-2xl" : ""}`}>
                <span className={right ? "font-bold text-emerald-800" : "font-medium"}>
                  {right ? `✓ ${label} (${t("live.correct")})` : label}
                </span>
                <span className="tabular-nums" data-live-count>
                  {formatNumber(n, lang)} · {formatPercent(Math.round(share), lang)}
                </span>
              </div>
              <meter className={`block w-full ${large ? "h-8" : "h-5"}`} min={0} max={Math.max(1, voters)} value={n} aria-label={label} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Wall({ posts, large, postActions }: { posts: WallPost[]; large: boolean; postActions?: (post: WallPost) => ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="space-y-3" aria-label={t("live.wall")} data-live-wall>
      {posts.length === 0 ? <li data-live-empty>{t("live.noPosts")}</li> : null}
      {posts.map((post) => (
        <li key={post.id} data-post={post.id} className={`rounded-md border p-3 ${post.pinned ? "border-brand-700 bg-brand-50" : "border-stone-300 bg-white"} ${post.hidden ? "opacity-60" : ""}`}>
          <p className={`whitespace-pre-wrap break-words ${large ? "text-2xl" : ""}`} data-body>
            {post.body}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-stone-700">
            {post.author ? <span data-author>{post.author}</span> : null}
            <span>
              ▲ <span data-upvotes>{formatNumber(post.upvotes, i18n.language)}</span>
              <span className="sr-only"> {t("live.upvotesLabel")}</span>
            </span>
            {post.pinned ? <span className="font-semibold">{t("live.pinned")}</span> : null}
            {post.answered ? <span className="font-semibold text-emerald-800">{t("live.answered")}</span> : null}
            {post.hidden ? <span className="font-semibold text-red-800">{t("live.hidden")}</span> : null}
          </p>
          {post.answer ? (
            <p className="mt-2 border-l-4 border-emerald-600 pl-3">
              <span className="font-semibold">{t("live.answer")}:</span> {post.answer}
            </p>
          ) : null}
          {postActions ? <div className="mt-2 flex flex-wrap gap-2">{postActions(post)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
