import type { Widen } from "./types";

/** Messages of the "assignments" namespace (t("assignments.…")). Vietnamese first; English must have the same keys. */
export const vi = {
  title: "Đào tạo bắt buộc",
} as const;

export const en = {
  title: "Assigned training",
} satisfies Widen<typeof vi>;
