import { RouterContextProvider } from "react-router";
import { expect, test } from "vitest";
import { documentHtmlContext, htmlInDocumentOnly, isDocumentRequest } from "~/platform/document-html";

const get = (url: string) => new Request(`http://localhost${url}`);

test("a `.data` request (client-side navigation, revalidation) is not a document; its query does not count", () => {
  expect(isDocumentRequest(get("/courses/a/b"))).toBe(true);
  expect(isDocumentRequest(get("/courses/a/b?x=.data"))).toBe(true);
  expect(isDocumentRequest(get("/courses/a/data"))).toBe(true);
  expect(isDocumentRequest(get("/courses/a/b.data"))).toBe(false);
  expect(isDocumentRequest(get("/courses/a/b.data?_routes=learning%2Froutes%2Flesson"))).toBe(false);
  expect(isDocumentRequest(get("/_.data"))).toBe(false);
});

test("on a document the HTML is kept for the server render only; a data request carries it", () => {
  const context = new RouterContextProvider();
  expect(htmlInDocumentOnly({ request: get("/courses/a/b"), context }, "lesson-0", "<p>a</p>")).toBeNull();
  expect(htmlInDocumentOnly({ request: get("/courses/a/b"), context }, "lesson-2", "<p>b</p>")).toBeNull();
  expect([...(context.get(documentHtmlContext) ?? [])]).toEqual([
    ["lesson-0", "<p>a</p>"],
    ["lesson-2", "<p>b</p>"],
  ]);
  const data = new RouterContextProvider();
  expect(htmlInDocumentOnly({ request: get("/courses/a/b.data"), context: data }, "lesson-0", "<p>a</p>")).toBe("<p>a</p>");
  expect(data.get(documentHtmlContext)).toBeNull();
});
