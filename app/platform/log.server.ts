import pino from "pino";
import { isRouteErrorResponse } from "react-router";
import { getEnv } from "./env.server";

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { app: "skillshelf" },
  redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
});

// React Router's own check of a cross-site action throws a plain Error with one of these messages.
const REFUSED_ORIGIN = /`origin` header/;

/**
 * What React Router hands to handleError: a refused request (a 4xx thrown on purpose, a cross-site action) is a
 * warning about the client; only the rest is an error of ours.
 */
export function logRequestError(error: unknown, request: Request) {
  const fields = { err: error, url: request.url, method: request.method };
  const refused =
    (isRouteErrorResponse(error) && error.status < 500) || (error instanceof Error && REFUSED_ORIGIN.test(error.message));
  if (refused) logger.warn(fields, "refused request");
  else logger.error(fields, "unhandled error");
}
