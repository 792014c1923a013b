// Time to first content on a slow line and an old PC, in Chromium: 1.5 Mbps down, 150 ms round trip
// (Network.emulateNetworkConditions) and the CPU slowed down 4× (Emulation.setCPUThrottlingRate), a cold cache every
// load. For a page it reports the first contentful paint, the largest contentful paint and when a selector (the
// lesson's text) is visible, counted from the start of the navigation, with JavaScript on, off, and in lite mode.
import { chromium } from "@playwright/test";
import { findChromium } from "../../playwright.config";

const LINE = { latency: 150, downloadThroughput: (1.5e6 / 8) * 0.9, uploadThroughput: (0.75e6 / 8) * 0.9 }; // 90 % goodput
const CPU_SLOWDOWN = 4;

export type Mode = "JS on" | "JS off" | "lite (Save-Data)";
export type FirstContent = { mode: Mode; fcpMs: number; lcpMs: number; visibleMs: number; seenMs: number; transferKB: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function firstContent(options: { url: string; cookie?: string; selector: string; runs?: number }) {
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results: FirstContent[] = [];
  try {
    for (const mode of ["JS on", "JS off", "lite (Save-Data)"] as Mode[]) {
      const runs: Omit<FirstContent, "mode">[] = [];
      for (let i = 0; i < (options.runs ?? 3); i++) {
        const context = await browser.newContext({
          javaScriptEnabled: mode !== "JS off",
          extraHTTPHeaders: mode === "lite (Save-Data)" ? { "save-data": "on" } : {},
          viewport: { width: 1366, height: 768 },
        });
        if (options.cookie) {
          const [name, value] = options.cookie.split("=");
          await context.addCookies([{ name: name!, value: value!, url: options.url }]);
        }
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        await cdp.send("Network.emulateNetworkConditions", { offline: false, ...LINE });
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
        let bytes = 0;
        cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => void (bytes += e.encodedDataLength));
        const started = Date.now();
        await page.goto(options.url, { waitUntil: "commit" });
        await page.locator(options.selector).first().waitFor({ state: "visible" });
        const seenMs = Date.now() - started;
        await page.waitForLoadState("load");
        // Read in Playwright's own world, which runs even when the page's JavaScript is off.
        // The paint timings are read by a script in the page: not possible with JavaScript off (then only the
        // wall-clock time until the text was visible, as Playwright saw it, is known).
        const timing = mode === "JS off" ? { fcp: NaN, lcp: NaN, visible: NaN } : await page.evaluate(
          (selector) =>
            new Promise<{ fcp: number; lcp: number; visible: number }>((resolve) => {
              const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
              let lcp = NaN;
              let visible = NaN;
              new PerformanceObserver((list) => {
                for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
                  lcp = entry.startTime;
                  // The first largest paint inside the lesson's text: when that text was on screen.
                  if (Number.isNaN(visible) && entry.element?.closest(selector)) visible = entry.startTime;
                }
              }).observe({ type: "largest-contentful-paint", buffered: true });
              setTimeout(() => resolve({ fcp, lcp, visible }), 50);
            }),
          options.selector,
        );
        runs.push({ fcpMs: timing.fcp, lcpMs: timing.lcp, visibleMs: timing.visible, seenMs, transferKB: bytes / 1024 });
        await context.close();
      }
      results.push({
        mode,
        fcpMs: median(runs.map((r) => r.fcpMs)),
        lcpMs: median(runs.map((r) => r.lcpMs)),
        visibleMs: median(runs.map((r) => r.visibleMs)),
        seenMs: median(runs.map((r) => r.seenMs)),
        transferKB: median(runs.map((r) => r.transferKB)),
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}
