import { Fragment } from "react";
import type { Marked } from "~/learning/search-match";

/** Text with the runs that matched a search in <mark>; a plain string when nothing matched (the usual catalogue). */
export function MarkedText({ runs }: { runs: Marked | string }) {
  if (typeof runs === "string") return runs;
  return runs.map((run, i) => (run.mark ? <mark key={i}>{run.text}</mark> : <Fragment key={i}>{run.text}</Fragment>));
}
