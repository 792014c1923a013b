import type { Widen } from "./types";

/** Messages of the "hrReports" namespace (t("hrReports.…")). Vietnamese first; English must have the same keys. */
export const vi = {
  title: "Báo cáo hoàn thành",
} as const;

export const en = {
  title: "Completion reports",
} satisfies Widen<typeof vi>;
