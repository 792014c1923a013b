// Where to go after sign-in or a language switch comes from the query string or a form, so from anyone.
const PROBE = "http://probe.invalid";

// Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" becomes "//evil.example":
// any control character, space or backslash, raw or percent-encoded, makes the target unusable.
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;

// Look-alike slashes (full-width solidus, division slash…) stay on the origin in today's parsers, but a proxy or
// an older browser that folds them to "/" must not turn the path into a host either.
const SLASH_LIKE = /[\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]/;

function decodedPath(to: string) {
  try {
    return decodeURIComponent(to.split(/[?#]/, 1)[0]!);
  } catch {
    return null;
  }
}

/**
 * A local path to redirect to, or `fallback`. Only a path on this origin is ever returned, normalised the way a
 * browser would read it, so no spelling (encoded slashes, "/.//", unicode solidus, "javascript:") leaves the site.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/learning"): string {
  if (typeof to !== "string" || to.length > 2048 || !to.startsWith("/") || to.startsWith("//") || UNSAFE.test(to) || SLASH_LIKE.test(to)) {
    return fallback;
  }
  const path = decodedPath(to);
  if (path === null || path.startsWith("//") || UNSAFE.test(path) || SLASH_LIKE.test(path) || /^\/[^/]*:/.test(path)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE);
  } catch {
    return fallback;
  }
  // "/.//evil.example" normalises to "//evil.example", which a browser would read as another host.
  if (url.origin !== PROBE || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

/** A line break in a redirect target can only be an attempt to split the Location header. */
export function hasLineBreak(value: unknown) {
  return typeof value === "string" && /[\r\n]/.test(value);
}
