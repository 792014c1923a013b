import { describe, expect, it } from "vitest";
import { navigableHref } from "~/ui/app-link";

// navigableHref decides, for useAppLinks' one document click handler, whether a click on an <a data-nav> becomes a
// client-side navigation (its path) or stays the browser's (null). Minimal stand-ins for the event and the anchor.
const ORIGIN = "http://127.0.0.1:3000";
const plainClick = { defaultPrevented: false, button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };

function anchor(href: string, attributes: { target?: string; download?: string } = {}) {
  const url = new URL(href, ORIGIN);
  return {
    origin: url.origin,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    target: attributes.target ?? "",
    hasAttribute: (name: string) => name in attributes,
  };
}

describe("navigableHref", () => {
  it("a plain left click on a link of this origin navigates to its path, query and hash", () => {
    expect(navigableHref(plainClick, anchor("/courses"), ORIGIN)).toBe("/courses");
    expect(navigableHref(plainClick, anchor("/courses?q=ai#results"), ORIGIN)).toBe("/courses?q=ai#results");
    expect(navigableHref(plainClick, anchor("/learning", { target: "_self" }), ORIGIN)).toBe("/learning");
  });

  it.each([
    ["Ctrl", { ctrlKey: true }],
    ["Meta", { metaKey: true }],
    ["Shift", { shiftKey: true }],
    ["Alt", { altKey: true }],
    ["the middle button", { button: 1 }],
    ["the right button", { button: 2 }],
    ["a click already handled", { defaultPrevented: true }],
  ])("a click with %s is left to the browser", (_, change) => {
    expect(navigableHref({ ...plainClick, ...change }, anchor("/courses"), ORIGIN)).toBeNull();
  });

  it.each([
    ['target="_blank"', anchor("/courses", { target: "_blank" })],
    ["a named target", anchor("/courses", { target: "preview" })],
    ["download", anchor("/courses", { download: "" })],
    ["another origin", anchor("https://example.org/courses")],
    ["another port of this host", anchor("http://127.0.0.1:3001/courses")],
  ])("a link with %s is left to the browser", (_, link) => {
    expect(navigableHref(plainClick, link, ORIGIN)).toBeNull();
  });
});
