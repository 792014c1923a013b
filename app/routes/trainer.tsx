import { useTranslation } from "react-i18next";
import type { Route } from "./+types/trainer";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireRole } from "~/infra/auth.server";
import { title } from "~/utils/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "nav.trainer");

export function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "trainer");
  return { fullName: user.fullName };
}

export default function TrainerPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("nav.trainer")}</h1>
      <p className="text-lg">{t("home.greeting", { name: loaderData.fullName })}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
