/**
 * What every request must be before any route reads it: a URL without NUL bytes or broken percent-escapes, and,
 * for a state-changing method, a form body (urlencoded or multipart) of bounded size that parses, is UTF-8 and
 * holds no NUL (PostgreSQL refuses `\0` in text). The root middleware runs it for every request, so no action can
 * forget it; an action's own `request.formData()` then only ever sees a small, well-formed form.
 */
import { getI18n } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n";
import { readAtMost } from "./upload.server";

/** Paths whose action streams a larger upload itself, with its own limit and message (the staff CSV import). */
const OWN_LIMIT_PATHS = new Set(["/admin/import"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type BodyRefusal = { status: 400 | 404 | 413; message: string; params?: Record<string, unknown> };

/** The refusal as the reader sees it: a short plain-text page in their language (no stack, no echo of input). */
export function refusalResponse(refusal: BodyRefusal, locale: Locale) {
  const { t } = getI18n(locale);
  return new Response(t(refusal.message, refusal.params), {
    status: refusal.status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-language": locale,
      "cache-control": "no-store",
      // The rest of an oversized body is not wanted: the connection is not kept for another request.
      ...(refusal.status === 413 ? { connection: "close" } : {}),
    },
  });
}

/** decodeURIComponent that says "no" instead of throwing (broken escapes, invalid UTF-8). */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** An urlencoded string every pair of which decodes to UTF-8 without NUL. */
function cleanUrlencoded(text: string) {
  if (text === "") return true;
  return text.split("&").every((pair) => {
    const value = decoded(pair);
    return value !== null && !value.includes("\0");
  });
}

/** The URL: a path segment that decodes to NUL (or not at all) is no page; such a query is a bad request. */
export function checkUrl(url: URL): BodyRefusal | null {
  const path = decoded(url.pathname.replace(/\+/g, "%2B"));
  if (path === null || path.includes("\0")) return { status: 404, message: "errors.badAddress" };
  if (!cleanUrlencoded(url.search.replace(/^\?/, ""))) return { status: 400, message: "errors.badAddress" };
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A multipart form that parses, with text fields (and file names) free of NUL and of undecodable bytes. */
async function cleanMultipart(bytes: Uint8Array, contentType: string) {
  let form: FormData;
  try {
    form = await new Response(bytes as BlobPart, { headers: { "content-type": contentType } }).formData();
  } catch {
    return false;
  }
  for (const value of form.values()) {
    // undici replaces bytes that are not UTF-8 with U+FFFD: in a text field that means the client sent no UTF-8.
    const text = typeof value === "string" ? value : value.name;
    if (text.includes("\0") || (typeof value === "string" && text.includes("\uFFFD"))) return false;
  }
  return true;
}

/**
 * Checks a request's URL and, for a state-changing method, its body, without consuming it: the body is read
 * from a clone (a tee), stopping at the limit, so an endless or 100 MB body costs at most `formMaxBytes` of memory
 * and the action still reads the original. Returns why it is refused, or null.
 */
export async function checkRequest(request: Request, formMaxBytes: number): Promise<BodyRefusal | null> {
  const url = new URL(request.url);
  const urlRefusal = checkUrl(url);
  if (urlRefusal || SAFE_METHODS.has(request.method)) return urlRefusal;
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) return { status: 400, message: "errors.badBody" };
  // The import action reads its multipart upload itself, streaming, with its own 5 MB limit and message.
  if (OWN_LIMIT_PATHS.has(url.pathname.replace(/\.data$/, "")) && type === "multipart/form-data") return null;
  const tooLarge: BodyRefusal = { status: 413, message: "errors.bodyTooLarge", params: { kb: Math.floor(formMaxBytes / 1024) } };
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > formMaxBytes) return tooLarge;
  if (!request.body) return null;
  const bytes = await readAtMost(request.clone().body!, formMaxBytes);
  if (!bytes) return tooLarge;
  if (type === "multipart/form-data") return (await cleanMultipart(bytes, contentType)) ? null : { status: 400, message: "errors.badBody" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { status: 400, message: "errors.badBody" };
  }
  return cleanUrlencoded(text) ? null : { status: 400, message: "errors.badBody" };
}
