import type { Widen } from "./types";

/** Messages of the "certificates" namespace (t("certificates.…")). Vietnamese first; English must have the same keys. */
export const vi = {
  title: "Chứng chỉ",
} as const;

export const en = {
  title: "Certificates",
} satisfies Widen<typeof vi>;
