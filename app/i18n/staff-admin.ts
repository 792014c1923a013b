import type { Widen } from "./types";

/** Messages of the "staffAdmin" namespace (t("staffAdmin.…")). Vietnamese first; English must have the same keys. */
export const vi = {
  title: "Nhân sự và tổ chức",
} as const;

export const en = {
  title: "Staff and organisation",
} satisfies Widen<typeof vi>;
