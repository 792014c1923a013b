import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, useFetcher, useNavigation } from "react-router";
import { formatDateTime } from "~/platform/format";
import type { AttemptQuestion, QuizResultView, QuizView } from "./quiz-types";

// A quiz inside a lesson: a plain form that works without JavaScript. With JavaScript, answers are
// saved as the learner goes; without it, the "Save answers" button does the same.

export type QuizActionFeedback = { quizId: string; unanswered?: number; refused?: string; refusedTime?: string } | undefined;

export function QuizBlock({ quiz, feedback, preview = false }: { quiz: QuizView; feedback: QuizActionFeedback; preview?: boolean }) {
  const { t, i18n } = useTranslation();
  const mine = feedback?.quizId === quiz.id ? feedback : undefined;
  const headingId = `quiz-${quiz.id}-title`;
  return (
    <section id={`quiz-${quiz.id}`} aria-labelledby={headingId} className="my-10 rounded-lg border-2 border-brand-700 bg-white p-5">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-800">{quiz.graded ? t("quiz.graded") : t("quiz.practice")}</p>
      <h2 id={headingId} className="mt-1 text-xl font-bold">
        {quiz.title}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-x-4 text-sm text-stone-700">
        <li>{t("quiz.questions", { count: quiz.questionCount })}</li>
        <li>{t("quiz.passMark", { passMark: quiz.passMark })}</li>
        <li>
          {quiz.attemptsAllowed === null
            ? t("quiz.attemptsUnlimited")
            : t("quiz.attemptsLeft", { count: Math.max(0, quiz.attemptsAllowed - quiz.attemptsUsed) })}
        </li>
        {quiz.bestPercent !== null ? <li>{t("quiz.best", { percent: quiz.bestPercent })}</li> : null}
      </ul>
      {mine?.refused ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-900">
          {t(`quiz.refused.${mine.refused}` as "quiz.refused.limit", { time: mine.refusedTime ? formatDateTime(mine.refusedTime, i18n.language) : "" })}
        </p>
      ) : null}
      {quiz.result ? <QuizResult result={quiz.result} /> : null}
      {preview ? null : quiz.attempt ? (
        <AttemptForm quiz={quiz} attempt={quiz.attempt} unanswered={mine?.unanswered} />
      ) : (
        <StartForm quiz={quiz} />
      )}
    </section>
  );
}

function StartForm({ quiz }: { quiz: QuizView }) {
  const { t, i18n } = useTranslation();
  if (!quiz.canStart) {
    return (
      <p className="mt-4 font-medium" role="status">
        {quiz.nextAttemptAt ? t("quiz.nextAttemptAt", { time: formatDateTime(quiz.nextAttemptAt, i18n.language) }) : t("quiz.noAttemptsLeft")}
      </p>
    );
  }
  return (
    <Form method="post" className="mt-4" preventScrollReset>
      <input type="hidden" name="quizId" value={quiz.id} />
      <button type="submit" name="intent" value="quiz-start" className="btn-primary">
        {quiz.attemptsUsed > 0 ? t("quiz.retake") : t("quiz.start")}
      </button>
    </Form>
  );
}

function AttemptForm({ quiz, attempt, unanswered }: { quiz: QuizView; attempt: NonNullable<QuizView["attempt"]>; unanswered?: number }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A save or submission by button is on its way: no autosave starts meanwhile (it would post after it).
  const sending = useRef(false);
  sending.current = useNavigation().state === "submitting";
  const [savedAt, setSavedAt] = useState(attempt.savedAt);
  const [open, setOpen] = useState<number | null>(null);

  const countOpen = () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    setOpen(attempt.questions.filter((q) => !isAnswered(q, data)).length);
  };
  useEffect(countOpen, [attempt.questions]);
  useEffect(() => {
    const data = fetcher.data as { savedAt?: string } | undefined;
    if (data?.savedAt) setSavedAt(data.savedAt);
  }, [fetcher.data]);

  const cancelAutosave = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancelAutosave, []);

  const autosave = () => {
    countOpen();
    cancelAutosave();
    timer.current = setTimeout(() => {
      timer.current = null;
      if (!formRef.current || sending.current) return;
      const data = new FormData(formRef.current);
      data.set("intent", "quiz-save");
      fetcher.submit(data, { method: "post" });
    }, 400);
  };

  return (
    <Form
      method="post"
      ref={formRef}
      onChange={autosave}
      // Typing too (React's onChange on a form hears each keystroke; the browser build's Preact hears only the
      // native change event, on leaving a text field). The timer makes the two one save.
      onInput={autosave}
      // Saving or submitting by button: an autosave still waiting would post the same answers after it (and a save
      // that reaches the server after the submission is refused). It is dropped; the button's request carries them.
      onSubmit={cancelAutosave}
      className="mt-6 space-y-6"
      preventScrollReset
    >
      <input type="hidden" name="quizId" value={quiz.id} />
      <input type="hidden" name="attemptId" value={attempt.id} />
      <ol className="space-y-6">
        {attempt.questions.map((question) => (
          <li key={question.id}>
            <QuestionField question={question} answers={attempt.answers} />
          </li>
        ))}
      </ol>
      <p className="text-sm text-stone-700">{t("quiz.autosaveHint")}</p>
      <div aria-live="polite" className="space-y-2">
        {savedAt ? <p className="text-sm text-stone-700">{t("quiz.saved", { time: formatDateTime(savedAt, i18n.language) })}</p> : null}
        {unanswered ? (
          <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 font-medium text-amber-950">
            {t("quiz.unanswered", { count: unanswered })}
          </p>
        ) : open ? (
          <p className="text-sm font-medium text-amber-900">{t("quiz.unanswered", { count: open })}</p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="quiz-save" className="btn-secondary">
          {t("quiz.save")}
        </button>
        {unanswered ? (
          <>
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" name="intent" value="quiz-submit" className="btn-primary">
              {t("quiz.submitAnyway")}
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value="quiz-submit" className="btn-primary">
            {t("quiz.submit")}
          </button>
        )}
      </div>
    </Form>
  );
}

function isAnswered(question: AttemptQuestion, data: FormData) {
  const name = `q:${question.id}`;
  if (question.type === "matching") return question.left.every((l) => String(data.get(`${name}:${l.id}`) ?? "") !== "");
  if (question.type === "ordering") return question.items.every((i) => String(data.get(`${name}:${i.id}`) ?? "") !== "");
  return data.getAll(name).some((v) => String(v).trim() !== "");
}

function QuestionField({ question, answers }: { question: AttemptQuestion; answers: Record<string, string[]> }) {
  const { t } = useTranslation();
  const name = `q:${question.id}`;
  const saved = (field: string) => answers[field] ?? [];
  // A floated legend is laid out inside the box, so a prompt that wraps never has the border running through it.
  const legend = (
    <legend className="float-left w-full font-semibold">
      <span className="mr-2 text-stone-600">{t("quiz.question", { n: question.n })}.</span>
      <span dangerouslySetInnerHTML={{ __html: question.promptHtml }} />{" "}
      <span className="text-sm font-normal text-stone-600">({t("quiz.points", { count: question.points })})</span>
      {question.type === "multiple" ? <span className="mt-1 block text-sm font-normal text-stone-700">{t("quiz.chooseAll")}</span> : null}
    </legend>
  );
  const box = "rounded-md border border-stone-200 p-4 [&>*:not(legend)]:clear-left [&>*:not(legend)]:mt-2";
  switch (question.type) {
    case "single":
    case "multiple":
      return (
        <fieldset className={box}>
          {legend}
          {question.choices.map((choice) => (
            <label key={choice.id} className="flex items-start gap-2">
              <input
                type={question.type === "single" ? "radio" : "checkbox"}
                name={name}
                value={choice.id}
                defaultChecked={saved(name).includes(choice.id)}
                className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
              />
              <span>{choice.text}</span>
            </label>
          ))}
        </fieldset>
      );
    case "true-false":
      return (
        <fieldset className={box}>
          {legend}
          {(["true", "false"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name={name} value={value} defaultChecked={saved(name).includes(value)} className="h-4 w-4 shrink-0 accent-brand-700" />
              <span>{value === "true" ? t("quiz.trueLabel") : t("quiz.falseLabel")}</span>
            </label>
          ))}
        </fieldset>
      );
    case "short":
    case "numeric":
      return (
        <fieldset className={box}>
          {legend}
          <label className="block">
            <span className="sr-only">{t("quiz.yourAnswer")}</span>
            <input
              type="text"
              name={name}
              inputMode={question.type === "numeric" ? "decimal" : undefined}
              maxLength={500}
              defaultValue={saved(name)[0] ?? ""}
              className="field-input max-w-md"
              aria-describedby={question.type === "numeric" ? `${name}-hint` : undefined}
            />
          </label>
          {question.type === "numeric" ? (
            <p id={`${name}-hint`} className="text-sm text-stone-600">
              {t("quiz.numberHint")}
            </p>
          ) : null}
        </fieldset>
      );
    case "matching":
      return (
        <fieldset className={box}>
          {legend}
          {question.left.map((left) => (
            <label key={left.id} className="grid gap-1 sm:grid-cols-[1fr_1fr] sm:items-center">
              <span>{left.text}</span>
              <select name={`${name}:${left.id}`} defaultValue={saved(`${name}:${left.id}`)[0] ?? ""} className="field-input">
                <option value="">{t("quiz.matchingPick")}</option>
                {question.right.map((right) => (
                  <option key={right.id} value={right.id}>
                    {right.text}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      );
    case "ordering":
      return (
        <fieldset className={box}>
          {legend}
          {question.items.map((item) => (
            <label key={item.id} className="flex items-center gap-3">
              <select name={`${name}:${item.id}`} defaultValue={saved(`${name}:${item.id}`)[0] ?? ""} className="field-input w-auto min-w-32 shrink-0">
                <option value="">{t("quiz.orderingPosition")}</option>
                {question.items.map((_, index) => (
                  <option key={index} value={String(index + 1)}>
                    {index + 1}
                  </option>
                ))}
              </select>
              <span>{item.text}</span>
            </label>
          ))}
        </fieldset>
      );
  }
}

function QuizResult({ result }: { result: QuizResultView }) {
  const { t } = useTranslation();
  return (
    <div className="mt-5 space-y-4" role="status">
      <div className={`rounded-md p-4 ${result.passed ? "bg-emerald-50 text-emerald-950" : "bg-amber-50 text-amber-950"}`}>
        <h3 className="font-bold">{t("quiz.result", { n: result.attemptNo })}</h3>
        <p className="mt-1 text-lg font-semibold">
          {result.passed ? t("quiz.passed") : t("quiz.failed")} —{" "}
          {t("quiz.score", { score: result.score, max: result.maxScore, percent: result.percent })}
        </p>
      </div>
      <ol className="space-y-3">
        {result.questions.map((q) => (
          <li key={q.id} className="rounded-md border border-stone-200 p-3">
            <p className="font-semibold">
              <span className="mr-2 text-stone-600">{t("quiz.question", { n: q.n })}.</span>
              <span dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
            </p>
            <p className={`mt-1 text-sm font-semibold ${q.status === "correct" ? "text-emerald-800" : "text-red-800"}`}>
              {q.status === "correct"
                ? t("quiz.correct")
                : q.status === "partial"
                  ? t("quiz.partlyCorrect")
                  : q.status === "unanswered"
                    ? t("quiz.unansweredMark")
                    : t("quiz.incorrect")}{" "}
              ({q.points}/{q.maxPoints})
            </p>
            <p className="mt-1 text-sm">
              <span className="font-semibold">{t("quiz.yourAnswer")}:</span> {q.yourAnswer || t("quiz.noAnswer")}
            </p>
            {q.correctAnswer !== null ? (
              <p className="text-sm">
                <span className="font-semibold">{t("quiz.correctAnswer")}:</span> {q.correctAnswer}
              </p>
            ) : null}
            {q.explanation ? (
              <p className="mt-1 text-sm text-stone-700">
                <span className="font-semibold">{t("quiz.explanation")}:</span> {q.explanation}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
