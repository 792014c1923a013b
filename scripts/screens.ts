// `npm run screens`: screenshots of every main page (tests/e2e/pages.ts) for each demo role, at 1366 × 768 and
// 390 × 844, in Vietnamese and English, written to .screens/ (gitignored) for a person to look at. It also prints
// what can be measured without looking: a page wider than the window (sideways scroll) and the header's height.
//
// Against a running server: BASE_URL (default http://localhost:3000), e.g. `npm start` in another terminal.
// SCREENS_ONLY=learner,hr limits the roles; SCREENS_SIZES=phone the sizes; SCREENS_LOCALES=en the languages.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { findChromium } from "../playwright.config";
import { DEMO, DEMO_PASSWORD, type DemoRole } from "../tests/e2e/fixtures";
import { PAGES, SIZES } from "../tests/e2e/pages";

const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
const OUT = path.resolve(import.meta.dirname, "..", ".screens");
const pick = <T extends string>(all: readonly T[], env: string | undefined) =>
  env ? all.filter((x) => env.split(",").includes(x)) : [...all];

const roles = pick(Object.keys(PAGES) as (DemoRole | "signedOut")[], process.env.SCREENS_ONLY);
const sizes = pick(Object.keys(SIZES) as (keyof typeof SIZES)[], process.env.SCREENS_SIZES);
const locales = pick(["vi", "en"] as const, process.env.SCREENS_LOCALES);

const fileName = (who: string, locale: string, size: string, pagePath: string) =>
  `${who}-${locale}-${size}-${pagePath.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "_") || "home"}.png`;

/** What the review measures on every page: sideways scroll and the header's height, in CSS pixels. */
async function measure(page: Page) {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    header: Math.round(document.querySelector("header")?.getBoundingClientRect().height ?? 0),
  }));
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ["--no-sandbox", "--disable-gpu"] });
  const problems: string[] = [];
  let shots = 0;
  try {
    for (const who of roles) {
      for (const locale of locales) {
        const context = await browser.newContext({ baseURL: BASE_URL, locale: locale === "vi" ? "vi-VN" : "en-GB" });
        const page = await context.newPage();
        if (who !== "signedOut") {
          const signedIn = await page.request.post("/login", {
            form: { email: DEMO[who].email, password: DEMO_PASSWORD, redirectTo: "/learning" },
            maxRedirects: 0,
          });
          if (signedIn.status() !== 302) throw new Error(`sign-in as ${who}: HTTP ${signedIn.status()}`);
        }
        await page.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
        for (const [size, viewport] of Object.entries(SIZES).filter(([s]) => sizes.includes(s as keyof typeof SIZES))) {
          await page.setViewportSize(viewport);
          for (const pagePath of PAGES[who]) {
            await page.goto(pagePath, { waitUntil: "networkidle" });
            const { overflow, header } = await measure(page);
            if (overflow > 0) problems.push(`${who} ${locale} ${size} ${pagePath}: the page is ${overflow}px wider than the window`);
            const limit = size === "phone" ? 80 : 90;
            if (header > limit) problems.push(`${who} ${locale} ${size} ${pagePath}: the header is ${header}px tall (limit ${limit})`);
            await page.screenshot({ path: path.join(OUT, fileName(who, locale, size, pagePath)), fullPage: true });
            shots += 1;
          }
        }
        if (who !== "signedOut") await page.request.post("/locale", { form: { locale: "vi", redirectTo: "/" }, maxRedirects: 0 });
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${shots} screenshots in ${path.relative(process.cwd(), OUT)}/`);
  for (const problem of problems) console.log(`  ✗ ${problem}`);
  if (problems.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
