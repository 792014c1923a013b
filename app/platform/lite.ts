// Lite mode: pages served with no script at all (every flow works without JavaScript), for slow lines and old PCs.
// It is on when the browser asks to save data (`Save-Data: on`, Chrome's data saver and some Android browsers), when
// the signed-in person turned it on on their account page (users.lite_mode), or, signed out, when the footer toggle
// set the cookie below. Decided once per request by the root middleware (liteContext); app/root.tsx then renders no
// <Scripts/> — the same as a route module that exports `handle = { hydrate: false }`.

export const LITE_COOKIE = "skillshelf_lite";

/** What the browser said: `Save-Data: on` (the only value the hint defines). */
export function savesData(headers: Headers) {
  return headers.get("save-data")?.trim().toLowerCase() === "on";
}

/** The signed-out choice, from the cookie header: "1" on, "0" off, absent: undecided. */
export function liteCookie(cookieHeader: string | null): boolean | null {
  if (!cookieHeader || !cookieHeader.includes(LITE_COOKIE)) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LITE_COOKIE) return value === "1" ? true : value === "0" ? false : null;
  }
  return null;
}

/** The browser's Save-Data wins; then the person's setting when signed in; then the signed-out cookie. */
export function isLite(headers: Headers, user: { liteMode: boolean } | null) {
  if (savesData(headers)) return true;
  if (user) return user.liteMode;
  return liteCookie(headers.get("cookie")) === true;
}

export function liteCookieHeader(on: boolean) {
  return `${LITE_COOKIE}=${on ? "1" : "0"}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** A route module's handle may say its page is never hydrated (the live workshops' participant pages). */
export type HydrateHandle = { hydrate?: boolean };

export function wantsScripts(lite: boolean, matches: readonly { handle?: unknown }[]) {
  if (lite) return false;
  return !matches.some((m) => (m.handle as HydrateHandle | undefined)?.hydrate === false);
}
