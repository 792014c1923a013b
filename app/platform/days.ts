// Calendar days in Vietnam (Asia/Ho_Chi_Minh) as YYYY-MM-DD text: due dates, "today" for overdue, report ranges.

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today (or the day of `now`) in Vietnam, as YYYY-MM-DD: due dates are compared with it as text. */
export function todayInVietnam(now: Date = new Date()) {
  return dayFormat.format(now);
}

/** The calendar day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
