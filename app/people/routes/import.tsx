import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/import";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormMessage, SubmitButton } from "~/ui/forms";
import { applyImport, previewImport } from "~/people/staff-import.server";
import { IMPORT_MAX_BYTES, type ImportProblem } from "~/people/staff-csv.server";
import { sendInvitation } from "~/accounts/user-tokens.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { readLimitedForm } from "~/platform/upload.server";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.import.heading");

const AppliedSchema = z.object({
  new: z.coerce.number().int().min(0),
  changed: z.coerce.number().int().min(0),
  unchanged: z.coerce.number().int().min(0),
  invited: z.coerce.number().int().min(0).default(0),
});

export function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const applied = AppliedSchema.safeParse(Object.fromEntries(args.url.searchParams));
  return { applied: applied.success ? applied.data : null };
}

const ConfirmSchema = z.object({ intent: z.literal("confirm"), importId: z.uuid(), invite: z.literal("on").optional() });

// Multipart overhead (boundaries, headers, other fields) on top of the file's own limit.
const FORM_OVERHEAD = 64 * 1024;
// A file with thousands of bad rows lists the first ones (the count says how many there are).
const MAX_SHOWN = 200;

export async function action(args: Route.ActionArgs) {
  const admin = requireRole(args, "admin");
  const db = getDb(args.context);
  const { request } = args;
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    const formData = await readLimitedForm(request, IMPORT_MAX_BYTES + FORM_OVERHEAD, "staffAdmin.import.errors.tooLarge|{\"mb\":5}");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) {
      const code = file instanceof File && file.name ? "empty" : "noFile";
      return data({ problems: [{ row: null, code }] as ImportProblem[], problemCount: 1, preview: null }, { status: 400 });
    }
    const preview = await previewImport(db, admin.id, new Uint8Array(await file.arrayBuffer()), file.name || null);
    if (!preview.ok) return data({ problems: preview.problems.slice(0, MAX_SHOWN), problemCount: preview.problems.length, preview: null }, { status: 400 });
    return { problems: null, problemCount: 0, preview: { ...preview, fileName: file.name } };
  }
  const parsed = ConfirmSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw data({ message: "validation.invalid" }, { status: 400 });
  const result = await applyImport(db, admin.id, parsed.data.importId);
  if (!result.ok) {
    if ("gone" in result) throw data({ message: "staffAdmin.import.gone" }, { status: 409 });
    return data({ problems: result.problems.slice(0, MAX_SHOWN), problemCount: result.problems.length, preview: null }, { status: 409 });
  }
  let invited = 0;
  if (parsed.data.invite) {
    const origin = publicOrigin(request);
    for (const person of result.created) {
      if (await sendInvitation(db, { userId: person.id, actorId: admin.id, origin })) invited += 1;
    }
  }
  const params = new URLSearchParams({ ...Object.fromEntries(Object.entries(result.summary).map(([k, v]) => [k, String(v)])), invited: String(invited) });
  throw redirect(`/admin/import?${params}`);
}

export default function AdminImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const applied = loaderData.applied;
  const preview = actionData?.preview;
  const problems = actionData?.problems;
  return (
    <div className="space-y-6">
      {applied ? (
        <FormMessage tone="success">
          {t("staffAdmin.import.applied", applied)} {applied.invited ? t("staffAdmin.import.invitedCount", { count: applied.invited }) : null}
        </FormMessage>
      ) : null}
      {problems?.length ? (
        <section aria-labelledby="problems-heading" role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
          <h2 id="problems-heading" className="font-semibold">
            {t("staffAdmin.import.problemsHeading", { count: actionData?.problemCount ?? problems.length })}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {problems.map((p, i) => (
              <li key={i}>
                {p.row ? t("staffAdmin.import.rowPrefix", { row: p.row }) : null}
                {t(`staffAdmin.import.errors.${p.code}`, p.params)}
              </li>
            ))}
          </ul>
          <p className="mt-2">{t("staffAdmin.import.problemsHint")}</p>
        </section>
      ) : null}
      {preview ? (
        <section aria-labelledby="preview-heading" className="card space-y-4">
          <h2 id="preview-heading" className="text-xl font-semibold">
            {t("staffAdmin.import.previewHeading", { file: preview.fileName })}
          </h2>
          <ul className="flex flex-wrap gap-6 font-medium">
            <li>{t("staffAdmin.import.summaryNew", { count: preview.summary.new })}</li>
            <li>{t("staffAdmin.import.summaryChanged", { count: preview.summary.changed })}</li>
            <li>{t("staffAdmin.import.summaryUnchanged", { count: preview.summary.unchanged })}</li>
          </ul>
          {preview.sample.length ? (
            <DataTable
              caption={t("staffAdmin.import.sampleCaption")}
              hideCaption
              columns={[
                { key: "row", header: t("staffAdmin.import.row"), cell: (r) => r.row },
                { key: "name", header: t("staffAdmin.staff.name"), cell: (r) => r.fullName },
                { key: "email", header: t("staffAdmin.staff.email"), cell: (r) => r.email },
                {
                  key: "change",
                  header: t("staffAdmin.import.change"),
                  cell: (r) => (r.status === "new" ? t("staffAdmin.import.statusNew") : t("staffAdmin.import.statusChanged")),
                },
              ]}
              rows={preview.sample}
              rowKey={(r) => String(r.row)}
            />
          ) : (
            <p>{t("staffAdmin.import.nothingToDo")}</p>
          )}
          <Form method="post" className="space-y-4">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="importId" value={preview.importId} />
            {preview.summary.new > 0 ? (
              <label className="flex items-center gap-2">
                <input type="checkbox" name="invite" defaultChecked />
                {t("staffAdmin.import.invite")}
              </label>
            ) : null}
            <div className="flex gap-3">
              <SubmitButton pendingText={t("staffAdmin.import.confirming")}>{t("staffAdmin.import.confirm")}</SubmitButton>
              <Link to="/admin/import" className="btn-secondary no-underline">
                {t("staffAdmin.import.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="import-heading" className="card max-w-3xl space-y-3">
        <h2 id="import-heading" className="text-xl font-semibold">
          {t("staffAdmin.import.heading")}
        </h2>
        <p>{t("staffAdmin.import.intro")}</p>
        <p className="font-mono text-sm">{t("staffAdmin.import.columns")}</p>
        <p>{t("staffAdmin.import.rules")}</p>
        <p>
          <a href="/admin/import/template.csv" download className="font-semibold">
            {t("staffAdmin.import.template")}
          </a>
        </p>
        <Form method="post" encType="multipart/form-data" className="space-y-4">
          <FileField />
          <SubmitButton pendingText={t("staffAdmin.import.uploading")}>{t("staffAdmin.import.upload")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

/**
 * The file input with its button in the app's language: the browser's own "Choose file / No file chosen" follows the
 * browser's language. The native input stays in the page (keyboard, required, no JS needed), visually hidden; with
 * JavaScript the chosen file's name is shown beside the button.
 */
function FileField() {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="space-y-1">
      <label id="import-file-label" htmlFor="import-file" className="block font-semibold">
        {t("staffAdmin.import.file")}
      </label>
      <p id="import-file-hint" className="text-sm text-stone-700">
        {t("staffAdmin.import.fileHint")}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-labelledby="import-file-label"
          aria-describedby="import-file-hint"
          className="peer sr-only"
          onChange={(event) => setName(event.currentTarget.files?.[0]?.name ?? null)}
        />
        <label
          htmlFor="import-file"
          aria-hidden="true"
          className="btn-secondary cursor-pointer peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-amber-500"
        >
          {t("staffAdmin.import.chooseFile")}
        </label>
        <span aria-live="polite" className="text-sm break-all">
          {name ? t("staffAdmin.import.chosen", { name }) : null}
        </span>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
