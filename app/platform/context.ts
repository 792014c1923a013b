import { createContext } from "react-router";
import type { Db } from "../../db/client";
import type { Locale } from "~/i18n";
import type { SessionUser } from "./session.server";

/** Values the root middleware puts in every request's router context. */
export const dbContext = createContext<Db | null>(null);
export const userContext = createContext<SessionUser | null>(null);
export const sessionIdContext = createContext<string | null>(null);
export const localeContext = createContext<Locale>("vi");
export const nonceContext = createContext<string>("");
/** Lite mode (app/platform/lite.ts): the page is served without any script. */
export const liteContext = createContext<boolean>(false);
