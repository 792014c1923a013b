import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/results";
import { publicActivity } from "~/live/activity";
import { PostModeration } from "~/live/components/post-moderation";
import { ResultsView } from "~/live/components/results-view";
import { courseTitle } from "~/live/courses.server";
import { activityResults } from "~/live/state.server";
import { handleTrainerPost } from "~/live/trainer-actions.server";
import { trainerSessionRequest } from "~/live/trainer-request.server";
import { localeContext } from "~/platform/context";
import { formatDateTime } from "~/platform/format";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches, data }) => title(matches, "live.resultsTitle", { title: data?.title ?? "" });

export async function loader(args: Route.LoaderArgs) {
  const { db, found } = await trainerSessionRequest(args);
  const { session, activities } = found;
  // The trainer sees everything: hidden posts included, and the revealed answer of every quiz question.
  const items = await Promise.all(
    activities.map(async (a) => ({
      activity: publicActivity({ ...a, revealed: true }),
      results: await activityResults(db, a, { names: session.showNames, hidden: true }),
    })),
  );
  return {
    id: session.id,
    title: session.title,
    course: courseTitle(session.courseSlug, args.context.get(localeContext)),
    startedAt: session.startedAt?.toISOString() ?? null,
    closedAt: session.closedAt?.toISOString() ?? null,
    items,
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, db, found } = await trainerSessionRequest(args);
  return handleTrainerPost(db, user, found, await args.request.formData());
}

export default function ResultsPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to={`/trainer/live/${loaderData.id}`}>{loaderData.title}</Link>
      </nav>
      <h1 className="page-title">{t("live.resultsTitle", { title: loaderData.title })}</h1>
      <p className="text-stone-700">
        {loaderData.course ? `${t("live.course")}: ${loaderData.course} · ` : null}
        {loaderData.startedAt ? t("live.startedAt", { at: formatDateTime(loaderData.startedAt, i18n.language) }) : t("live.statuses.draft")}
        {loaderData.closedAt ? ` · ${t("live.closedAt", { at: formatDateTime(loaderData.closedAt, i18n.language) })}` : null}
      </p>
      <p className="flex flex-wrap gap-3">
        <a href={`/trainer/live/${loaderData.id}/export.csv`} className="btn-secondary" download>
          {t("live.exportCsv")}
        </a>
        <a href={`/trainer/live/${loaderData.id}/export.xlsx`} className="btn-secondary" download>
          {t("live.exportXlsx")}
        </a>
      </p>
      {loaderData.items.length === 0 ? <p>{t("live.noActivities")}</p> : null}
      {loaderData.items.map(({ activity, results }, i) => (
        <section key={activity.id} aria-labelledby={`activity-${activity.id}`} className="card space-y-3">
          <h2 id={`activity-${activity.id}`} className="text-xl font-semibold">
            {i + 1}. {activity.prompt}
          </h2>
          <p className="text-sm text-stone-700">{t(`live.kinds.${activity.kind}`)}</p>
          <ResultsView activity={activity} results={results} postActions={(post) => <PostModeration post={post} back="results" />} />
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
