import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/people";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PeopleSearchForm } from "~/reports/components/people-search";
import { PEOPLE_SEARCH_LIMIT, searchPeople } from "~/reports/people-search.server";
import { reportRequest } from "~/reports/request.server";
import { inLocale } from "~/i18n";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "hrReports.search.title");

const QuerySchema = z.object({ q: z.string().max(100, { error: "hrReports.search.tooLong" }).default("") });

export async function loader(args: Route.LoaderArgs) {
  const { db, locale, ctx } = await reportRequest(args, { ignoreFilters: true });
  const query = QuerySchema.safeParse({ q: args.url.searchParams.get("q") ?? undefined });
  if (!query.success) throw data({ message: "hrReports.search.tooLong" }, { status: 400 });
  const q = query.data.q.trim();
  const result = await searchPeople(db, ctx, q);
  // Units of different libraries share names ("Reader Services"): the parent unit tells them apart.
  const unitName = (id: string) => {
    const u = ctx.units.get(id);
    if (!u) return "";
    const parent = u.parentId ? ctx.units.get(u.parentId) : undefined;
    return `${inLocale(locale, u.name, u.nameEn)}${parent ? `, ${inLocale(locale, parent.name, parent.nameEn)}` : ""} (${u.code})`;
  };
  return {
    q,
    more: result.more ? PEOPLE_SEARCH_LIMIT : null,
    people: result.people.map((p) => ({ ...p, unit: unitName(p.unitId) })),
  };
}

type Person = Awaited<ReturnType<typeof loader>>["people"][number];

export default function PeopleSearchPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { q, people, more } = loaderData;
  const columns: Column<Person>[] = [
    {
      key: "name",
      header: t("hrReports.person"),
      rowHeader: true,
      cell: (p) => (
        <>
          <Link to={`/reports/people/${p.id}`} className="inline-block min-w-32 py-0.5">
            {p.fullName}
          </Link>
          {p.active ? null : <span className="ml-2 text-xs font-semibold text-stone-700">({t("hrReports.inactive")})</span>}
        </>
      ),
    },
    { key: "email", header: t("hrReports.email"), cell: (p) => <span className="break-all">{p.email}</span> },
    { key: "staff", header: t("hrReports.staffNumber"), cell: (p) => p.staffNumber ?? "—" },
    { key: "job", header: t("hrReports.jobTitle"), cell: (p) => p.jobTitle ?? "—" },
    { key: "unit", header: t("hrReports.unit"), cell: (p) => p.unit },
  ];
  return (
    <div className="space-y-6">
      <nav aria-label={t("hrReports.breadcrumb")} className="text-sm">
        <Link to="/reports">{t("hrReports.title")}</Link>
        {" › "}
        {t("hrReports.search.title")}
      </nav>
      <h1 className="page-title">{t("hrReports.search.title")}</h1>
      <PeopleSearchForm q={q} />
      {q ? (
        <section aria-labelledby="results-heading" className="card space-y-3">
          <h2 id="results-heading" className="text-xl font-semibold">
            {t("hrReports.search.results", { count: people.length, q })}
          </h2>
          <DataTable labelledBy="results-heading" columns={columns} rows={people} rowKey={(p) => p.id} empty={t("hrReports.search.none")} />
          {more ? <p className="text-sm">{t("hrReports.search.more", { count: more })}</p> : null}
        </section>
      ) : (
        <p>{t("hrReports.search.prompt")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
