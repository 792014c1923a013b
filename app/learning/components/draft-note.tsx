import { useTranslation } from "react-i18next";

/** Shown on every page of an unpublished course, which only its owners and admins can open. */
export function DraftNote() {
  const { t } = useTranslation();
  return (
    <p role="note" className="mt-3 rounded-md border-2 border-amber-500 bg-amber-50 p-3 text-amber-950">
      <strong className="mr-2 rounded bg-amber-500 px-2 py-0.5 text-xs font-bold uppercase text-stone-950">{t("lesson.draftBadge")}</strong>
      {t("lesson.draftNote")}
    </p>
  );
}

/** Shown when a course's owner views a lesson as a learner would: nothing is recorded. */
export function PreviewNote() {
  const { t } = useTranslation();
  return (
    <p role="note" className="mt-3 rounded-md border-2 border-sky-600 bg-sky-50 p-3 text-sky-950">
      {t("lesson.previewNote")}
    </p>
  );
}
