import { useTranslation } from "react-i18next";


export function TargetSummary({ a }: { a: { unit: string | null; includeDescendants: boolean; jobTitle: string | null; namedPeople: number } }) {
  const { t } = useTranslation();
  const parts = [
    a.unit ? t(a.includeDescendants ? "assignments.target.unitWithDescendants" : "assignments.target.unitOnly", { unit: a.unit }) : null,
    a.jobTitle ? t("assignments.target.jobTitle", { title: a.jobTitle }) : null,
    a.namedPeople ? t("assignments.target.named", { count: a.namedPeople }) : null,
  ].filter(Boolean);
  return <>{parts.join(" · ")}</>;
}
