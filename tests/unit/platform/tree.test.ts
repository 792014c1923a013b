import { expect, test } from "vitest";
import { depthFirst } from "../../../app/platform/tree";

test("units come depth first with their depth; a unit whose parent is missing starts its own tree", () => {
  const rows = [
    { id: "a", parentId: null, code: "A" },
    { id: "b", parentId: null, code: "B" },
    { id: "a1", parentId: "a", code: "A-1" },
    { id: "a1x", parentId: "a1", code: "A-1-X" },
    { id: "b1", parentId: "b", code: "B-1" },
  ];
  expect(depthFirst(rows).map((r) => `${r.code}:${r.depth}`)).toEqual(["A:0", "A-1:1", "A-1-X:2", "B:0", "B-1:1"]);
  // An HR user's subtree: its top is at depth 0.
  expect(depthFirst(rows.filter((r) => r.id.startsWith("a1"))).map((r) => `${r.code}:${r.depth}`)).toEqual(["A-1:0", "A-1-X:1"]);
});
