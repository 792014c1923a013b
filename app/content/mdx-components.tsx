import type { ComponentProps, ReactNode } from "react";
import type { MDXComponents } from "mdx/types";
import type { CalloutType } from "./component-props";
import type { Lang } from "./schema";

// The component library lessons are rendered with. Rendering happens once, at build time, to
// static HTML (docs/decisions/0001-static-lesson-html.md), so nothing here may need JavaScript in
// the browser: no state, no effects, no event handlers.

const LABELS = {
  vi: {
    note: "Lưu ý",
    tip: "Mẹo",
    warning: "Cảnh báo",
    keyTakeaways: "Ý chính",
    exercise: "Bài tập thực hành",
    objectives: "Mục tiêu bài học",
    modelAnswer: "Gợi ý đáp án",
    rubric: "Tiêu chí đánh giá",
    captions: "Tiếng Việt",
  },
  en: {
    note: "Note",
    tip: "Tip",
    warning: "Warning",
    keyTakeaways: "Key takeaways",
    exercise: "Practical exercise",
    objectives: "Learning objectives",
    modelAnswer: "Model answer",
    rubric: "Rubric",
    captions: "English",
  },
} satisfies Record<Lang, Record<string, string>>;

export type MdxRenderContext = {
  lang: Lang;
  courseSlug: string;
  /** Random per compile: lets the compiler find its quiz markers and nothing an author wrote. */
  quizSlotNonce: string;
};

type WithChildren = { children?: ReactNode };

const CALLOUT_STYLES: Record<CalloutType, string> = {
  note: "border-sky-700 bg-sky-50",
  tip: "border-brand-700 bg-brand-50",
  warning: "border-amber-600 bg-amber-50",
};

/** `images/x.svg` in a course folder is served from `/content/<course>/images/x.svg`. */
export function assetUrl(courseSlug: string, src: string): string {
  return /^[a-z][a-z0-9+.-]*:|^\//i.test(src) ? src : `/content/${courseSlug}/${src.replace(/^\.\//, "")}`;
}

/** `./slug` works from a lesson page but not from the course overview, so make it absolute. */
export function lessonHref(courseSlug: string, href: string): string {
  const match = /^\.\/([a-z0-9-]+)(.*)$/.exec(href);
  return match ? `/courses/${courseSlug}/${match[1]}${match[2]}` : href;
}

export function createMdxComponents({ lang, courseSlug, quizSlotNonce }: MdxRenderContext): MDXComponents {
  const labels = LABELS[lang];
  let nextId = 0;
  // Ids are per rendered file; the prefix keeps them clear of heading slugs.
  const uid = (kind: string) => `${kind}-${++nextId}`;

  function Callout({ type = "note", title, children }: WithChildren & { type?: CalloutType; title?: string }) {
    const label = labels[type];
    const showTitle = title && title.trim().toLowerCase() !== label.toLowerCase();
    return (
      <div role="note" className={`callout callout-${type} my-6 rounded-md border-l-4 px-5 py-4 ${CALLOUT_STYLES[type]}`}>
        <p className="callout-title">
          <strong className="callout-label">{label}</strong>
          {showTitle ? <span className="callout-heading">: {title}</span> : null}
        </p>
        {children}
      </div>
    );
  }

  function Figure(props: { src: string; alt: string; caption?: string; width?: string; height?: string }) {
    return (
      <figure className="lesson-figure my-8">
        <img
          src={assetUrl(courseSlug, props.src)}
          alt={props.alt}
          width={props.width}
          height={props.height}
          loading="lazy"
          decoding="async"
          className="mx-auto h-auto max-w-full"
        />
        {props.caption ? <figcaption>{props.caption}</figcaption> : null}
      </figure>
    );
  }

  function Video(props: { src: string; captions: string; title: string }) {
    return (
      <figure className="lesson-video my-8">
        <video controls preload="metadata" src={assetUrl(courseSlug, props.src)} className="w-full rounded-md">
          <track kind="captions" src={assetUrl(courseSlug, props.captions)} srcLang={lang} label={labels.captions} default />
        </video>
        <figcaption>{props.title}</figcaption>
      </figure>
    );
  }

  function KeyTakeaways({ children }: WithChildren) {
    const id = uid("takeaways");
    return (
      <section aria-labelledby={id} className="key-takeaways card my-8">
        <h2 id={id} className="key-takeaways-title">
          {labels.keyTakeaways}
        </h2>
        {children}
      </section>
    );
  }

  function Term({ def, children }: WithChildren & { def: string }) {
    const id = uid("term");
    // The definition is in the text flow for screen readers (sr-only) and shown on hover or
    // keyboard focus by CSS alone (lesson.css), so it works without JavaScript.
    return (
      <span className="term">
        <dfn tabIndex={0} aria-describedby={id}>
          {children}
        </dfn>
        <span className="term-tip" aria-hidden="true">
          {def}
        </span>
        <span className="sr-only" id={id}>
          {` (${def})`}
        </span>
      </span>
    );
  }

  function Exercise({ title, children }: WithChildren & { title: string }) {
    const id = uid("exercise");
    return (
      <section aria-labelledby={id} className="exercise my-8 rounded-lg border-2 border-dashed border-brand-600 p-5">
        <p className="exercise-label">{labels.exercise}</p>
        <h3 id={id} className="exercise-title">
          {title}
        </h3>
        {children}
      </section>
    );
  }

  function Objectives({ children }: WithChildren) {
    const id = uid("objectives");
    return (
      <section aria-labelledby={id} className="objectives card my-6">
        <h2 id={id} className="objectives-title">
          {labels.objectives}
        </h2>
        {children}
      </section>
    );
  }

  function ModelAnswer({ children }: WithChildren) {
    // A native <details>: closed until the learner has tried, and it opens without JavaScript.
    return (
      <details className="model-answer">
        <summary>{labels.modelAnswer}</summary>
        {children}
      </details>
    );
  }

  function Rubric({ children }: WithChildren) {
    const id = uid("rubric");
    return (
      <section aria-labelledby={id} className="rubric">
        <h4 id={id} className="rubric-title">
          {labels.rubric}
        </h4>
        {children}
      </section>
    );
  }

  function Steps({ children }: WithChildren) {
    return <div className="steps">{children}</div>;
  }

  function QuizSlot({ id }: { id: string }) {
    return <div data-quiz-slot={`${quizSlotNonce}:${id}`} />;
  }

  function a({ href = "", children, ...rest }: ComponentProps<"a">) {
    return (
      <a href={lessonHref(courseSlug, href)} {...rest}>
        {children}
      </a>
    );
  }

  function img({ src = "", alt = "", ...rest }: ComponentProps<"img">) {
    return <img src={assetUrl(courseSlug, String(src))} alt={alt} loading="lazy" decoding="async" {...rest} />;
  }

  function table({ children, ...rest }: ComponentProps<"table">) {
    // Wide tables scroll inside their own box on phones; tabIndex lets keyboards scroll it too.
    return (
      <div className="table-wrap" tabIndex={0}>
        <table {...rest}>{children}</table>
      </div>
    );
  }

  return { Callout, Figure, Video, KeyTakeaways, Term, Exercise, Objectives, ModelAnswer, Rubric, Steps, QuizSlot, a, img, table };
}
