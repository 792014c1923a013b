import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDay } from "~/platform/format";
import type { PresentedPath } from "~/programmes/present";

type Step = PresentedPath["steps"][number];

const MARK: Record<Step["status"], string> = {
  done: "bg-emerald-700 text-white",
  "in-progress": "bg-brand-700 text-white",
  open: "border border-stone-500 text-stone-800",
  locked: "border border-stone-400 bg-stone-100 text-stone-700",
};

/** One course of the path: its state (done / in progress / open / locked), why it is locked, and the next step. */
function PathStep({ step, index }: { step: Step; index: number }) {
  const { t } = useTranslation();
  return (
    <li className={`flex items-start gap-3 p-3 ${step.next ? "bg-brand-50" : ""}`}>
      <span className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-bold ${MARK[step.status]}`} aria-hidden="true">
        {step.status === "done" ? "✓" : step.status === "locked" ? "🔒" : index + 1}
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">
          <Link to={`/courses/${step.slug}`}>{step.title}</Link>
        </p>
        <p className="flex flex-wrap gap-2 text-xs font-semibold">
          <span className={`rounded px-2 py-0.5 ${step.status === "done" ? "bg-emerald-50 text-emerald-900" : "bg-stone-100 text-stone-800"}`}>
            {t(`programmes.status.${step.status}`)}
          </span>
          <span className="rounded bg-stone-100 px-2 py-0.5 text-stone-800">{step.optional ? t("programmes.optional") : t("programmes.required")}</span>
          {step.next ? <span className="rounded bg-brand-700 px-2 py-0.5 text-white">{t("programmes.next")}</span> : null}
          <span className="px-1 py-0.5 font-normal text-stone-700">{t("programmes.minutes", { count: step.minutes })}</span>
        </p>
        {step.waitingFor.length && step.status !== "done" ? (
          <p className="text-sm text-stone-700">{t("programmes.after", { courses: step.waitingFor.map((w) => w.title).join(", ") })}</p>
        ) : null}
      </div>
    </li>
  );
}

/**
 * A programme's path for one learner: the rule met so far, the next step, and every course in order. `compact`
 * (My learning) titles it with the programme's name under the page's h2; the programme page titles it "Path".
 */
export function ProgrammePath({ path, compact = false }: { path: PresentedPath; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = `programme-${path.slug}`;
  return (
    <section aria-labelledby={headingId} className="card space-y-3">
      {compact ? (
        <h3 id={headingId} className="text-lg font-semibold">
          <Link to={`/learning/programmes/${path.slug}`}>{path.title}</Link>
        </h3>
      ) : (
        <h2 id={headingId} className="text-xl font-semibold">
          {t("programmes.path")}
        </h2>
      )}
      {path.follow.assigned && path.follow.dueOn && !path.complete ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {t("programmes.assigned", { date: formatDay(path.follow.dueOn, i18n.language) })}
          {path.follow.overdue ? <span className="rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">{t("programmes.overdue")}</span> : null}
        </p>
      ) : null}
      <progress className="h-3 w-full accent-brand-700" max={100} value={path.percent} aria-labelledby={`${headingId}-progress`} />
      <p id={`${headingId}-progress`} className="text-sm">
        {t("programmes.progress", { percent: path.percent })} · {t("programmes.ruleRequired", { done: path.rule.requiredDone, total: path.rule.requiredTotal })}
        {path.rule.pick ? ` · ${t("programmes.ruleOptional", { done: Math.min(path.rule.optionalDone, path.rule.pick), pick: path.rule.pick })}` : ""}
      </p>
      {path.complete ? (
        <p className="flex flex-wrap items-center gap-3 font-semibold text-emerald-800">
          ✓ {t("programmes.completed")}
          {path.certificateCode ? <Link to={`/certificates/${path.certificateCode}`}>{t("programmes.viewCertificate")}</Link> : null}
        </p>
      ) : path.nextStep ? (
        <p>
          <Link to={`/courses/${path.nextStep.slug}`} className="btn-primary">
            {t("programmes.nextCourse", { course: path.nextStep.title })}
          </Link>
        </p>
      ) : null}
      {!compact && path.rule.pick ? (
        <p className="text-sm text-stone-700">
          {path.optionalTitle ? `${path.optionalTitle}: ` : ""}
          {t("programmes.optionalGroup", { pick: path.rule.pick, total: path.rule.optionalTotal })}
        </p>
      ) : null}
      <ol aria-label={t("programmes.pathCaption")} className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {path.steps.map((step, index) => (
          <PathStep key={step.slug} step={step} index={index} />
        ))}
      </ol>
    </section>
  );
}
