import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { listStaff } from "~/domain/staff.server";
import { getDb, requireRole } from "~/infra/auth.server";
import { invalidateAllSessions } from "~/infra/session.server";
import { title } from "~/utils/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "admin.title");

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  return { staff: await listStaff(getDb(args.context)) };
}

const RevokeSchema = z.object({ intent: z.literal("revoke-sessions"), userId: z.uuid() });

export async function action(args: Route.ActionArgs) {
  requireRole(args, "admin");
  const parsed = RevokeSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) throw data({ message: "validation.invalid" }, { status: 400 });
  await invalidateAllSessions(getDb(args.context), parsed.data.userId);
  return { revoked: parsed.data.userId };
}

export default function AdminPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("admin.title")}</h1>
      {actionData?.revoked ? <FormMessage tone="success">{t("admin.sessionsRevoked")}</FormMessage> : null}
      <section aria-labelledby="staff-heading" className="card overflow-x-auto">
        <h2 id="staff-heading" className="text-xl font-semibold">
          {t("admin.staff")}
        </h2>
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">{t("admin.staff")}</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="py-2 pr-4">{t("account.fullName")}</th>
              <th scope="col" className="py-2 pr-4">{t("account.email")}</th>
              <th scope="col" className="py-2 pr-4">{t("admin.unit")}</th>
              <th scope="col" className="py-2 pr-4">{t("account.roles")}</th>
              <th scope="col" className="py-2 pr-4">{t("account.sessions")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.staff.map((person) => (
              <tr key={person.id} className="border-b border-stone-200 align-top">
                <td className="py-2 pr-4 font-medium">{person.fullName}</td>
                <td className="py-2 pr-4">{person.email}</td>
                <td className="py-2 pr-4">{person.orgUnit}</td>
                <td className="py-2 pr-4">{person.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td className="py-2 pr-4">
                  <Form method="post" className="flex items-center gap-3">
                    <span>{person.sessions}</span>
                    <input type="hidden" name="userId" value={person.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="revoke-sessions"
                      className="btn-secondary px-2 py-1 text-xs"
                      disabled={person.sessions === 0}
                      aria-label={t("admin.revokeFor", { name: person.fullName })}
                    >
                      {t("admin.revoke")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
