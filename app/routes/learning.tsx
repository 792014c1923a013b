import { useTranslation } from "react-i18next";
import type { Route } from "./+types/learning";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/infra/auth.server";
import { title } from "~/utils/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "nav.learning");

export function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { fullName: user.fullName };
}

export default function LearningPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("nav.learning")}</h1>
      <p className="text-lg">{t("home.greeting", { name: loaderData.fullName })}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
