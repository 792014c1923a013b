/** XML Schema dateTime in UTC without fractional seconds, as OB 3.0 validators expect. */
export function isoSeconds(date: Date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The same instant some calendar months later (the 31st becomes the month's last day). */
export function addMonths(date: Date, months: number) {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}
