import { data } from "react-router";
import type { Route } from "./+types/learners-csv";
import { findOwnedCourse } from "~/authoring/owned-courses.server";
import { courseLearners } from "~/authoring/insight.server";
import { InsightQuerySchema } from "~/authoring/schemas";
import { getI18n } from "~/i18n/i18n.server";
import { getDb, requireTrainerOr404 } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { toCsv } from "~/platform/csv.server";

export async function loader(args: Route.LoaderArgs) {
  const user = requireTrainerOr404(args);
  const db = getDb(args.context);
  const query = InsightQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: "validation.invalid" }, { status: 400 });
  const course = await findOwnedCourse(db, args.params.course, user);
  if (!course) throw data({ reason: "not-found" }, { status: 404 });
  const t = getI18n(args.context.get(localeContext)).t;
  const learners = await courseLearners(db, course.id, query.data);
  const csv = toCsv(
    [t("trainer.name"), t("account.email"), `${t("trainer.progress")} (%)`, t("trainer.started"), t("trainer.lastActivity"), t("trainer.completedLessons")],
    learners.map((l) => [l.fullName, l.email, l.percent, l.startedAt.toISOString(), l.lastActivityAt.toISOString(), l.completedAt?.toISOString() ?? null]),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${course.slug}-learners.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
