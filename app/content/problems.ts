/**
 * One content problem, printed as `file:line: message` (file relative to the repository root).
 * Errors block publishing (content:check and content:build fail); warnings point at quizzes and
 * lessons a trainer should improve but do not fail anything. Absent severity means error, so
 * health files written before warnings existed still read correctly.
 */
export type Severity = "error" | "warning";
export type Problem = { file: string; line: number; message: string; severity?: Severity };

export function isWarning(problem: Problem): boolean {
  return problem.severity === "warning";
}

export function errorsOnly(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => !isWarning(p));
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${isWarning(problem) ? "warning: " : ""}${problem.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message),
  );
}
