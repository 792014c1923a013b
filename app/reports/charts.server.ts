import * as vega from "vega";
import * as vl from "vega-lite";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { RouterContextProvider } from "react-router";
import { htmlInDocumentOnly } from "~/platform/document-html";

/*
 * Charts are Vega-Lite specs rendered to SVG on the server and inlined, so the page needs no client JS.
 * Vega escapes every text it writes into the SVG (&, <, >, quotes), so names typed by admins are safe; the
 * renderer writes presentation attributes, not style attributes, so the Content-Security-Policy is unaffected.
 * Vega's own ARIA roles are turned off: the whole chart is one role="img" with a label, and the page has a
 * table with the same numbers.
 */

const FONT = "Be Vietnam Pro, system-ui, sans-serif";
const BRAND = "#0f6b5c";

// Compiling and rendering a chart costs several milliseconds of CPU (most of a report page's on small data), and the
// SVG is a pure function of the spec (data and labels included): the last charts drawn are kept, by their spec.
const drawn = new Map<string, Promise<string>>();
const KEEP = 64;

function render(spec: vl.TopLevelSpec) {
  const key = JSON.stringify(spec);
  let svg = drawn.get(key);
  if (svg) {
    drawn.delete(key); // most recently used last
  } else {
    svg = draw(spec);
    svg.catch(() => drawn.delete(key));
    if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value!);
  }
  drawn.set(key, svg);
  return svg;
}

async function draw(spec: vl.TopLevelSpec) {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  const svg = await view.toSVG();
  view.finalize();
  // The figure around the chart is the one image with a label (and has a table with the numbers): the SVG's own
  // roles and labels would be read as unlabelled graphics, so they go.
  return compact(svg).replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
}

/**
 * Vega's SVG less what draws nothing: the SVG's own roles and labels, its class names (no style sheet reads them),
 * pointer-events (the chart is a picture), attributes at their default value, and the empty paths it writes for an
 * axis' background and foreground. A third of the bytes, in the page and over the wire, for the same picture.
 */
export function compact(svg: string) {
  const out = svg
    .replace(/\s(?:role|aria-[a-z]+|class|pointer-events)="[^"]*"/g, "")
    .replace(/\s(?:opacity|fill-opacity|stroke-opacity|stroke-width)="1"|\sstroke-miterlimit="4"/g, "")
    .replace(/<path d="M0,0h0v0h0Z"\/>|<path d="" display="none"\/>/g, "")
    // Coordinates to a hundredth of a pixel (Vega writes float noise: 92.07000000000002), in attribute values only.
    .replace(/="[^"]*"/g, (value) => value.replace(/\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100)));
  // Every text in the one font: said once, on the root, and inherited.
  const font = ` font-family="${FONT}"`;
  if (out.split(font).length - 1 !== out.split("<text").length - 1) return out;
  return out.replaceAll(font, "").replace(/^<svg /, `<svg${font} `);
}

/** A chart as a page's loader data carries it (chartData): its SVG and its table of figures, as HTML. */
export type ChartData = { key: string; svg?: string; table?: string };

/**
 * A drawn chart (or null: nothing to draw) as a page's loader data carries it, with the table of its figures
 * (HTML, made once per distinct input: see chartTable). On a client-side navigation's data request both are in the
 * data; on a document request they are not: they go to the request's context under `key` and `${key}-table`, for
 * the server render to write into the page, so the document carries them once and not again in the router data
 * (app/platform/document-html.tsx).
 */
export function chartData(
  args: { request: Request; context: Readonly<RouterContextProvider> },
  key: string,
  svg: string | null,
  table: string,
): ChartData | null {
  if (svg === null) return null;
  const inData = htmlInDocumentOnly(args, key, svg);
  const tableInData = htmlInDocumentOnly(args, `${key}-table`, table);
  return inData === null || tableInData === null ? { key } : { key, svg: inData, table: tableInData };
}

// A chart's table is as pure a function of its rows as the SVG is of its spec: the last ones made are kept.
const tables = new Map<string, string>();

/**
 * The table of a chart's figures as static HTML (no links, no state: nothing for the browser to hydrate), made by
 * `make` and kept by `key` and `input` (everything it shows: rows, language, headings).
 */
export function chartTable(key: string, input: unknown, make: () => ReactElement) {
  const id = `${key}:${JSON.stringify(input)}`;
  let html = tables.get(id);
  if (html === undefined) {
    // Its ids (the caption's) under a prefix of its own, apart from the page's.
    html = renderToStaticMarkup(make(), { identifierPrefix: `${key}-` });
    if (tables.size >= KEEP) tables.delete(tables.keys().next().value!);
  } else tables.delete(id);
  tables.set(id, html);
  return html;
}

const config = {
  aria: false,
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 13, labelColor: "#292524", titleColor: "#292524" },
  background: "#ffffff",
} as const;

/**
 * Weekly completions as a bar chart: one bar per week, labelled with the week's Monday in the reader's language,
 * whole numbers on the axis. Null when there is nothing to show (the page says so in words).
 */
export async function weeklyChartSvg(weeks: { week: string; label: string; completions: number }[], labels: { x: string; y: string }) {
  if (weeks.every((w) => w.completions === 0)) return null;
  return render({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: { step: 22 },
    height: 180,
    config,
    data: { values: weeks },
    mark: { type: "bar", color: BRAND, width: { band: 0.7 } },
    encoding: {
      x: { field: "label", type: "ordinal", sort: null, title: labels.x, axis: { labelAngle: -45, labelOverlap: true } },
      y: { field: "completions", type: "quantitative", title: labels.y, axis: { tickMinStep: 1, format: "d" } },
    },
  });
}

/** The last `count` weeks up to this one (Mondays, YYYY-MM-DD), with zero where nobody completed: a steady axis. */
export function recentWeeks(weeks: { week: string; completions: number }[], today: string, count = 26) {
  const byWeek = new Map(weeks.map((w) => [w.week, w.completions]));
  const day = new Date(`${today}T00:00:00Z`);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  const out: { week: string; completions: number }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const key = new Date(monday.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10);
    out.push({ week: key, completions: byWeek.get(key) ?? 0 });
  }
  return out;
}

const weekFormats = new Map<string, Intl.DateTimeFormat>();
/** A week's Monday as a short date in the reader's language: "2 thg 11" / "2 Nov". */
export function weekLabel(week: string, locale: string) {
  let format = weekFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", { day: "numeric", month: "short", timeZone: "UTC" });
    weekFormats.set(locale, format);
  }
  return format.format(new Date(`${week}T00:00:00Z`));
}

/** Completion % per unit as horizontal bars. */
export async function unitBarsSvg(units: { name: string; percent: number }[], labels: { x: string; y: string }) {
  if (units.length === 0) return null;
  return render({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 420,
    height: { step: 22 },
    config,
    data: { values: units.map((u, i) => ({ ...u, key: `${i + 1}. ${u.name}` })) },
    mark: { type: "bar", color: BRAND },
    encoding: {
      // Full unit names (never cut); the chart's heading already says they are units.
      y: { field: "key", type: "nominal", sort: null, title: null, axis: { labelLimit: 0 } },
      x: { field: "percent", type: "quantitative", title: labels.x, scale: { domain: [0, 100] } },
    },
  });
}
