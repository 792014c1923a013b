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

/**
 * A day as people type it in either of the app's languages — day/month/year ("31/12/2026", also with "." or
 * "-", one-digit day and month) — or as YYYY-MM-DD; YYYY-MM-DD text, or null when it is not one. The field is
 * text, not a native date picker, whose format follows the browser's language instead of the app's.
 */
export function parseDayInput(text: string): string | null {
  const value = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A YYYY-MM-DD day as the day field shows it: DD/MM/YYYY (Vietnamese and British English alike). */
export function dayInputValue(day: string) {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}
