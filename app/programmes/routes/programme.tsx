import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/programme";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubmitButton } from "~/ui/forms";
import { ProgrammePath } from "~/programmes/components/programme-path";
import { presentPath } from "~/programmes/present";
import { findProgramme, programmePath, settleProgramme, startProgramme } from "~/programmes/programmes.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";

export const meta: Route.MetaFunction = ({ loaderData }) => (loaderData ? [{ title: `${loaderData.path.title} · Skillshelf` }] : []);

const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(120);

function notFound(): never {
  throw data({ reason: "not-found" }, { status: 404 });
}

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const slug = Slug.safeParse(args.params.slug);
  if (!slug.success) notFound();
  let path = await programmePath(db, user.id, slug.data);
  if (!path) notFound();
  // A rule met before the learner followed the programme (courses completed earlier) completes it on sight.
  if (path.follow.followed && path.complete && !path.certificate) {
    await db.transaction((tx) => settleProgramme(tx as never, user.id, path!.programme.id, new Date()));
    path = (await programmePath(db, user.id, slug.data))!;
  }
  return { path: presentPath(path, args.context.get(localeContext)) };
}

const StartSchema = z.object({ intent: z.literal("start") });

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const slug = Slug.safeParse(args.params.slug);
  const programme = slug.success ? await findProgramme(db, slug.data) : null;
  if (!programme) notFound();
  const parsed = StartSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) throw data({ reason: "bad-intent" }, { status: 400 });
  await startProgramme(db, user.id, programme.id);
  throw redirect(`/learning/programmes/${programme.slug}`);
}

export default function ProgrammePage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { path } = loaderData;
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="flex flex-wrap gap-4 text-sm">
        <Link to="/learning">{t("nav.learning")}</Link>
        <Link to="/learning/programmes">{t("programmes.allProgrammes")}</Link>
      </nav>
      <header className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-stone-700">{t("programmes.title")}</p>
        <h1 className="page-title">{path.title}</h1>
        <p className="text-lg text-stone-700">{path.description}</p>
        {path.follow.followed ? (
          <p className="text-sm font-semibold text-emerald-800">{t("programmes.following")}</p>
        ) : (
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="start" />
            <SubmitButton>{t("programmes.start")}</SubmitButton>
            <p className="text-sm text-stone-700">{t("programmes.startHint")}</p>
          </Form>
        )}
      </header>
      <ProgrammePath path={path} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
