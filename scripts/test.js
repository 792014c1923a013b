// `npm test`: content check, type check, unit and integration tests (vitest) against a real
// database, then end-to-end tests (Playwright) against the production build. Uses DATABASE_URL
// when set, else the embedded PGlite; every run gets databases of its own.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const bin = (name) => path.join("node_modules", ".bin", name);

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const probe = spawnSync("node", ["-e", "const{chromium}=require('@playwright/test');process.stdout.write(chromium.executablePath())"], {
    encoding: "utf8",
  });
  return probe.status === 0 && probe.stdout && existsSync(probe.stdout) ? probe.stdout : null;
}

const driver = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
console.log(`Skillshelf tests on ${driver}`);

if (existsSync("scripts/content-check.ts")) step("content:check", bin("tsx"), ["scripts/content-check.ts"]);
step("typecheck", "npm", ["run", "--silent", "typecheck"]);
step("dependency rules (dependency-cruiser)", "npm", ["run", "--silent", "check:deps"]);
step("unit and integration tests (vitest)", bin("vitest"), ["run"]);

const chromium = findChromium();
if (!chromium) {
  console.error(
    "No Chromium found for the end-to-end tests: install one (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH.",
  );
  process.exit(1);
}
step("production build", bin("react-router"), ["build"], { NODE_ENV: "production" });
step("precompressed assets", process.execPath, ["scripts/precompress.js"]);
step("end-to-end tests (Playwright)", bin("playwright"), ["test"], { CHROMIUM_PATH: chromium });
console.log("\n✔ all tests passed");
