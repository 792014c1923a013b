import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const repo = path.resolve(import.meta.dirname, "../../..");
const fixture = path.join(repo, "tests/fixtures/layout");

/** Runs the project's dependency rules over a tree and returns "rule: from → to" for each violation. */
function violations(cwd: string, dirs: string[]) {
  const run = spawnSync(
    path.join(repo, "node_modules/.bin/depcruise"),
    [...dirs, "--config", path.join(repo, ".dependency-cruiser.cjs"), "--output-type", "json"],
    { cwd, encoding: "utf8" },
  );
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return { found: result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`) };
}

test("the dependency rules fail on a wrong import: a cycle, shared ground importing a capability, a route import, a forbidden direction", () => {
  const { found } = violations(fixture, ["app", "db"]);
  expect(found).toEqual(
    expect.arrayContaining([
      "no-circular: app/learning/a.server.ts → app/learning/b.server.ts",
      "shared-ground-imports-no-capability: app/platform/guard.server.ts → app/learning/progress.server.ts",
      "no-route-imports: app/people/staff.server.ts → app/learning/routes/page.tsx",
      "certificates-uses-only-content: app/certificates/issue.server.ts → app/learning/progress.server.ts",
      "people-uses-only-accounts-training: app/people/staff.server.ts → app/learning/routes/page.tsx",
    ]),
  );
  // The message bundle may gather a capability's messages file: that is the rules' one exception.
  expect(found.filter((line) => line.includes("bundle.vi.ts"))).toEqual([]);
});
