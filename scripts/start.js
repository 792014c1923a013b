// `npm start`: build the app if the sources changed since the last build, prepare the database and
// content, then serve the production build on PORT (default 3000).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { serverNodeArgs } from "./server-node-args.js";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const builtAt = existsSync("build/server/index.js") ? statSync("build/server/index.js").mtimeMs : 0;
const sourcesAt = Math.max(newest("app"), newest("public"), statSync("package.json").mtimeMs, statSync("vite.config.ts").mtimeMs);
if (sourcesAt > builtAt) {
  console.log("Building Skillshelf…");
  run("npx", ["react-router", "build"], { NODE_ENV: "production" });
  run(process.execPath, ["scripts/precompress.js"]);
}

const tsx = path.join("node_modules", ".bin", "tsx");
run(tsx, ["scripts/prepare.ts"], { NODE_ENV: process.env.NODE_ENV ?? "production" });
run(process.execPath, [...serverNodeArgs, "server.js"], { NODE_ENV: process.env.NODE_ENV ?? "production" });
