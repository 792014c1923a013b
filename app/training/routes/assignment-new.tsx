import { addDays, dayInputValue, todayInVietnam } from "~/platform/days";
import { useTranslation } from "react-i18next";
import { Link, redirect } from "react-router";
import type { Route } from "./+types/assignment-new";
import { AssignmentForm, type AssignmentFormState } from "~/training/components/assignment-form";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { handleAssignmentForm } from "~/training/assignment-form.server";
import { assignmentFormOptions } from "~/training/assignment-people.server";
import { createAssignment } from "~/training/assignments.server";
import { inLocale } from "~/i18n";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import type { AssignmentInput } from "~/training/schemas";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "assignments.newTitle");

export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "hr");
  const locale = args.context.get(localeContext);
  const options = await assignmentFormOptions(getDb(args.context), user);
  return {
    options: {
      courses: options.courses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn) })),
      programmes: options.programmes.map((p) => ({ id: p.id, title: inLocale(locale, p.titleVi, p.titleEn) })),
      units: options.units.map((u) => ({ id: u.id, name: inLocale(locale, u.name, u.nameEn), depth: u.depth })),
      jobTitles: options.jobTitles,
    },
    defaultValue: { includeDescendants: "on", daysForNewcomers: "30", dueOn: dayInputValue(addDays(todayInVietnam(), 30)) },
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const outcome = await handleAssignmentForm(db, user, await args.request.formData(), {
    edit: false,
    save: (value: AssignmentInput) => createAssignment(db, user, value),
  });
  if ("id" in outcome) throw redirect(`/reports/assignments/${outcome.id}?created=1`);
  return outcome;
}

export default function NewAssignmentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/reports/assignments">{t("assignments.backToList")}</Link>
      </nav>
      <h1 className="page-title">{t("assignments.newTitle")}</h1>
      <AssignmentForm
        mode="new"
        options={loaderData.options}
        defaultValue={loaderData.defaultValue}
        defaultPeople={[]}
        state={actionData as AssignmentFormState | undefined}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
