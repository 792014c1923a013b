import { createRequestHandler, data, type ServerBuild } from "react-router";
import { afterEach, expect, test, vi } from "vitest";
import { logger, logRequestError } from "../../../app/platform/log.server";

afterEach(() => vi.restoreAllMocks());

// A one-route server build: enough for React Router's request handler to run its own checks and report to handleError.
function buildWith(action: () => unknown): ServerBuild {
  return {
    entry: {
      module: {
        default: () => new Response("<html></html>", { headers: { "content-type": "text/html" } }),
        handleError: (error: unknown, { request }: { request: Request }) => logRequestError(error, request),
      },
    },
    routes: { root: { id: "root", path: "", module: { default: () => null, action } } },
    assets: { entry: { module: "/e.js", imports: [] }, routes: {}, url: "/m.js", version: "1" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: {},
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: "initial", manifestPath: "/__manifest" },
  } as unknown as ServerBuild;
}

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/?index", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: "a=1",
  });

test("a cross-site POST refused by React Router is a warning, not an unhandled error", async () => {
  const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
  const error = vi.spyOn(logger, "error").mockImplementation(() => {});
  const handler = createRequestHandler(buildWith(() => null), "production");
  const response = await handler(post({ origin: "https://evil.example" }));
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(warn).toHaveBeenCalledWith(expect.objectContaining({ method: "POST" }), "refused request");
  expect(error).not.toHaveBeenCalled();
});

test("a 4xx a resource route throws on purpose is a warning; a real failure stays an error", async () => {
  const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
  const error = vi.spyOn(logger, "error").mockImplementation(() => {});
  const resource = (action: () => unknown) => {
    const build = buildWith(action);
    delete (build.routes.root!.module as { default?: unknown }).default;
    return createRequestHandler(build, "production");
  };
  const refused = await resource(() => {
    throw data({ reason: "cross-origin" }, { status: 403 });
  })(post({}));
  expect(refused.status).toBe(403);
  expect(error).not.toHaveBeenCalled();
  const failed = await resource(() => {
    throw new TypeError("boom");
  })(post({}));
  expect(failed.status).toBe(500);
  expect(error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(TypeError) }), "unhandled error");
  expect(warn.mock.calls.every(([, message]) => message === "refused request")).toBe(true);
});
