import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PresentedPath } from "~/programmes/present";
import { ProgrammePath } from "./programme-path";

/** My learning's programmes: each one the learner follows with its path and next step. */
export function MyProgrammes({ programmes }: { programmes: PresentedPath[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="my-programmes-heading" className="space-y-3">
      <h2 id="my-programmes-heading" className="text-xl font-semibold">
        {t("programmes.myHeading")}
      </h2>
      {programmes.length === 0 ? (
        <p>
          {t("programmes.myNone")} <Link to="/learning/programmes">{t("programmes.browse")}</Link>
        </p>
      ) : (
        <>
          <ul className="grid gap-4 lg:grid-cols-2">
            {programmes.map((path) => (
              <li key={path.slug}>
                <ProgrammePath path={path} compact />
              </li>
            ))}
          </ul>
          <p>
            <Link to="/learning/programmes">{t("programmes.allProgrammes")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
