import { expect, test } from "vitest";
import { pageLink } from "../../../app/reports/components/filters";

test("a drill-down's page links keep its filters and extra parameters, and name the page from page 2 on", () => {
  expect(pageLink("course=c1&status=overdue", 1)).toBe("?course=c1&status=overdue");
  expect(pageLink("course=c1&status=overdue", 3)).toBe("?course=c1&status=overdue&page=3");
  // The unit drill-down without sub-units says so on every page.
  expect(pageLink("course=c1", 2, { descendants: "0" })).toBe("?course=c1&descendants=0&page=2");
  expect(pageLink("", 1, { descendants: "0" })).toBe("?descendants=0");
  expect(pageLink("", 1)).toBe("?");
  // A page number already in the search is replaced, never repeated.
  expect(pageLink("unit=u1&page=4", 2)).toBe("?unit=u1&page=2");
  expect(pageLink("unit=u1&page=4", 1)).toBe("?unit=u1");
  expect(pageLink("jobTitle=Th%E1%BB%A7+th%C6%B0", 2)).toBe("?jobTitle=Th%E1%BB%A7+th%C6%B0&page=2");
});
