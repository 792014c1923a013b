import { expect, test } from "vitest";
import { formatDate, formatDateTime } from "../../../app/platform/format";

test("one date-time format: the time first in Vietnamese, after the date in English, Vietnam's clock", () => {
  const at = "2026-12-07T02:10:00Z"; // 09:10 in Hà Nội
  expect(formatDateTime(at, "vi")).toBe("09:10, 7 tháng 12, 2026");
  expect(formatDateTime(at, "en")).toBe("7 December 2026, 09:10");
  expect(formatDate(at, "vi")).toBe("7 tháng 12, 2026");
  // Past midnight UTC+7 the date is the next day, and the clock is 24-hour.
  expect(formatDateTime(new Date("2026-12-07T16:05:00Z"), "en")).toBe("7 December 2026, 23:05");
  expect(formatDateTime("2026-12-07T17:30:00Z", "vi")).toBe("00:30, 8 tháng 12, 2026");
});
