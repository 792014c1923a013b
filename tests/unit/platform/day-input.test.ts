import { expect, test } from "vitest";
import { dayInputValue, parseDayInput } from "../../../app/platform/days";
import { AssignmentSchema } from "../../../app/training/schemas";

test("a typed day is read as day/month/year, whatever the browser's language; impossible days are refused", () => {
  expect(parseDayInput("31/12/2026")).toBe("2026-12-31");
  expect(parseDayInput(" 1.2.2027 ")).toBe("2027-02-01");
  expect(parseDayInput("05-03-2027")).toBe("2027-03-05");
  expect(parseDayInput("2027-03-05")).toBe("2027-03-05");
  for (const bad of ["31/02/2026", "12/31/2026", "2026/12/31", "", "hôm nay", "1/1/26", "<script>"]) expect(parseDayInput(bad)).toBeNull();
  expect(dayInputValue("2027-03-05")).toBe("05/03/2027");
});

test("the assignment form takes the due day as typed and keeps YYYY-MM-DD; a wrong day is a field error", () => {
  const base = { courseId: "00000000-0000-4000-8000-000000000001", people: ["00000000-0000-4000-8000-000000000002"] };
  expect(AssignmentSchema.parse({ ...base, dueOn: "31/12/2026" }).dueOn).toBe("2026-12-31");
  const wrong = AssignmentSchema.safeParse({ ...base, dueOn: "30/02/2026" });
  expect(wrong.success).toBe(false);
  expect(wrong.error?.issues[0]).toMatchObject({ path: ["dueOn"], message: "assignments.errors.dueOn" });
});
