import { createContext } from "react-router";
import type { Db } from "../../db/client";
import type { Locale } from "~/i18n";
import type { SessionUser } from "./session.server";

/** Values the root middleware puts in every request's router context. */
export const dbContext = createContext<Db | null>(null);
export const userContext = createContext<SessionUser | null>(null);
/**
 * The signed-in person's unread notifications as read with the session (app/platform/session.server.ts), on a GET or
 * HEAD only: after an action (which may have marked some read) it is null and the count is read again.
 */
export const unreadAtSessionContext = createContext<number | null>(null);
export const sessionIdContext = createContext<string | null>(null);
export const localeContext = createContext<Locale>("vi");
export const nonceContext = createContext<string>("");
/** Lite mode (app/platform/lite.ts): the page is served without any script. */
export const liteContext = createContext<boolean>(false);
/**
 * HTML rendered into this request's document but kept out of its router data (app/platform/inline-html.tsx): a
 * loader puts a fragment here by key on a document request; entry.server hands the map to the render.
 */
export const inlineHtmlContext = createContext<Map<string, string> | null>(null);
