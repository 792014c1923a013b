import { dayInputValue } from "~/platform/days";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/assignment";
import { AssignmentForm, type AssignmentFormState } from "~/training/components/assignment-form";
import { formatDay } from "~/platform/format";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormMessage } from "~/ui/forms";
import { handleAssignmentForm } from "~/training/assignment-form.server";
import { assignmentFormOptions, listAssignmentPeople } from "~/training/assignment-people.server";
import { findAssignment, updateAssignment, withdrawAssignment } from "~/training/assignments.server";
import { inLocale } from "~/i18n";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import type { AssignmentEditInput } from "~/training/schemas";
import { formatDate } from "~/platform/format";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ loaderData }) => (loaderData ? [{ title: `${loaderData.course} · Skillshelf` }] : []);

const Params = z.object({ id: z.uuid() });

function notFound(): never {
  throw data({ reason: "not-found" }, { status: 404 });
}

export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const params = Params.safeParse(args.params);
  if (!params.success) notFound();
  const [assignment, people, options] = await Promise.all([
    findAssignment(db, user, params.data.id),
    listAssignmentPeople(db, user, params.data.id),
    assignmentFormOptions(db, user),
  ]);
  if (!assignment) notFound();
  const search = args.url.searchParams;
  return {
    id: assignment.id,
    course: inLocale(locale, assignment.courseTitleVi, assignment.courseTitleEn),
    courseHref: assignment.isProgramme ? `/learning/programmes/${assignment.courseSlug}` : `/courses/${assignment.courseSlug}`,
    withdrawnAt: assignment.withdrawnAt?.toISOString() ?? null,
    created: search.has("created"),
    saved: search.has("saved"),
    confirmWithdraw: search.get("withdraw") === "1",
    options: {
      courses: [],
      programmes: [],
      units: options.units.map((u) => ({ id: u.id, name: inLocale(locale, u.name, u.nameEn), depth: u.depth })),
      jobTitles: options.jobTitles,
    },
    defaultValue: {
      orgUnitId: assignment.orgUnitId ?? "",
      includeDescendants: assignment.includeDescendants ? "on" : "",
      jobTitle: assignment.jobTitle ?? "",
      dueOn: dayInputValue(assignment.dueOn),
      daysForNewcomers: String(assignment.daysForNewcomers),
      recertify: assignment.recertify ? "on" : "",
      note: assignment.note ?? "",
    },
    named: assignment.people.map((p) => ({ ...p, unitName: null })),
    people: people.map((p) => ({ ...p, completedAt: p.completedAt?.toISOString() ?? null })),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const params = Params.safeParse(args.params);
  if (!params.success) notFound();
  const id = params.data.id;
  // Every intent (search and preview too) is about this assignment: one the actor cannot see is a 404.
  if (!(await findAssignment(db, user, id))) notFound();
  const formData = await args.request.formData();
  if (formData.get("intent") === "withdraw") {
    if (!(await withdrawAssignment(db, user, id))) notFound();
    throw redirect(`/reports/assignments/${id}`);
  }
  const outcome = await handleAssignmentForm(db, user, formData, {
    edit: true,
    save: (value: AssignmentEditInput) => updateAssignment(db, user, id, value),
  });
  if ("id" in outcome) throw redirect(`/reports/assignments/${id}?saved=1`);
  return outcome;
}

export default function AssignmentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const a = loaderData;
  return (
    <div className="space-y-8">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/reports/assignments">{t("assignments.backToList")}</Link>
      </nav>
      <header className="space-y-2">
        <h1 className="page-title">
          <Link to={a.courseHref}>{a.course}</Link>
        </h1>
        {a.created ? <FormMessage tone="success">{t("assignments.form.created")}</FormMessage> : null}
        {a.saved ? <FormMessage tone="success">{t("assignments.form.saved")}</FormMessage> : null}
        {a.withdrawnAt ? (
          <p className="font-semibold text-stone-800">{t("assignments.detail.withdrawnOn", { date: formatDate(a.withdrawnAt, i18n.language) })}</p>
        ) : null}
      </header>

      <section aria-labelledby="people-heading" className="card relative max-w-full overflow-x-auto">
        <h2 id="people-heading" className="text-xl font-semibold">
          {t("assignments.detail.people")} ({a.people.length})
        </h2>
        {a.people.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("assignments.detail.nobody")}</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">{t("assignments.detail.peopleCaption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-4">{t("assignments.detail.person")}</th>
                <th scope="col" className="py-2 pr-4">{t("assignments.detail.email")}</th>
                <th scope="col" className="py-2 pr-4">{t("assignments.detail.due")}</th>
                <th scope="col" className="py-2 pr-4">{t("assignments.detail.state")}</th>
              </tr>
            </thead>
            <tbody>
              {a.people.map((p) => (
                <tr key={`${p.userId}-${p.cycle}`} className="border-b border-stone-200">
                  <td className="py-2 pr-4 font-medium">{p.fullName}</td>
                  <td className="py-2 pr-4">{p.email}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {formatDay(p.dueOn, i18n.language)}
                    {p.cycle > 1 ? <span className="ml-1 text-stone-600">({t("assignments.detail.cycle", { cycle: p.cycle })})</span> : null}
                  </td>
                  <td className={`py-2 pr-4 ${p.overdue ? "font-semibold text-red-800" : p.completedAt ? "text-emerald-800" : ""}`}>
                    {p.completedAt
                      ? `✓ ${t("assignments.detail.done")} (${formatDate(p.completedAt, i18n.language)})`
                      : p.overdue
                        ? t("assignments.detail.overdue")
                        : t("assignments.detail.open")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {a.withdrawnAt ? null : (
        <>
          <section aria-labelledby="edit-heading" className="card max-w-3xl">
            <h2 id="edit-heading" className="mb-4 text-xl font-semibold">
              {t("assignments.editTitle")}
            </h2>
            <AssignmentForm
              mode="edit"
              options={a.options}
              defaultValue={a.defaultValue}
              defaultPeople={a.named}
              state={actionData as AssignmentFormState | undefined}
            />
          </section>
          <section aria-labelledby="withdraw-heading" className="card max-w-3xl space-y-3 border-red-200">
            <h2 id="withdraw-heading" className="text-xl font-semibold">
              {a.confirmWithdraw ? t("assignments.detail.withdrawConfirmTitle") : t("assignments.detail.withdraw")}
            </h2>
            {a.confirmWithdraw ? (
              <>
                <p>{t("assignments.detail.withdrawConfirmText")}</p>
                <Form method="post" className="flex flex-wrap gap-3">
                  <button type="submit" name="intent" value="withdraw" className="btn-primary bg-red-800 hover:bg-red-900">
                    {t("assignments.detail.withdrawConfirm")}
                  </button>
                  <Link to={`/reports/assignments/${a.id}`} className="btn-secondary">
                    {t("assignments.detail.cancel")}
                  </Link>
                </Form>
              </>
            ) : (
              <Link to="?withdraw=1" className="btn-secondary self-start">
                {t("assignments.detail.withdraw")}
              </Link>
            )}
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
