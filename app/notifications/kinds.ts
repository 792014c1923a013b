import type { NotificationParams } from "../../db/schema";

/** The kinds of notification; each person turns the email of each kind on or off (the in-app one always exists). */
export const NOTIFICATION_KINDS = [
  "assigned",
  "reminder",
  "overdue",
  "certificate_issued",
  "certificate_expiring",
  "course_changed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Email-only kinds: the weekly digest goes to HR and unit managers (no in-app item). */
export const EMAIL_ONLY_KINDS = ["digest"] as const;
export const EMAIL_KINDS = [...NOTIFICATION_KINDS, ...EMAIL_ONLY_KINDS] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The sentence a notification reads as, in the reader's language (list, bell and email alike). */
export function notificationText(
  t: Translate,
  locale: "vi" | "en",
  kind: string,
  params: NotificationParams,
  formatDay: (day: string) => string,
) {
  const title = locale === "en" ? params.titleEn || params.titleVi : params.titleVi;
  const day = params.expiresOn ?? params.dueOn ?? null;
  const subject = params.subject === "programme" ? "programme" : "course";
  const known = isNotificationKind(kind) ? kind : "assigned";
  return t(`notifications.text.${known}_${subject}`, { title, date: day ? formatDay(day) : "" });
}
