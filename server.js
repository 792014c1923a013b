// Skillshelf HTTP server: Express in front of the React Router request handler, with compression,
// structured request logs (pino), static assets and the client IP the sign-in throttle needs.
import { readdirSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { pinoHttp } from "pino-http";

const dev = process.argv.includes("--dev");
if (dev) process.env.NODE_ENV ??= "development";

const vite = dev
  ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }))
  : null;

async function loadBuild() {
  return vite ? vite.ssrLoadModule("virtual:react-router/server-build") : import("./build/server/index.js");
}

let startup;
let build;
try {
  build = await loadBuild();
  startup = await build.entry.module.startup();
} catch (error) {
  if (error?.name === "ConfigError" || error?.name === "DatabaseUnreachableError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { env, logger } = startup;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);
// Server-Sent Events (the live workshops' streams) are not compressed: compression buffers its output, and each
// event must reach the phone the moment it is written.
const filter = (req, res) => !String(res.getHeader("content-type") ?? "").startsWith("text/event-stream") && compression.filter(req, res);
const compress = compression({ filter });
// Someone who asked to save data (Save-Data: on, or the signed-out lite cookie; app/platform/lite.ts) gets pages
// compressed harder: Brotli quality 5 instead of the middleware's 4 makes the lesson page's HTML about 7 % smaller
// (quality 4 is even larger than gzip there), for a fraction of a millisecond more CPU on these requests only.
const compressHarder = compression({ filter, level: zlib.constants.Z_BEST_COMPRESSION, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } });
const savesData = (req) => req.headers["save-data"]?.trim().toLowerCase() === "on" || /(?:^|;\s*)skillshelf_lite=1(?:;|$)/.test(req.headers.cookie ?? "");
app.use((req, res, next) => (savesData(req) ? compressHarder : compress)(req, res, next));
app.use(
  pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url.startsWith("/assets/") || req.url === "/healthz" },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    serializers: {
      req: (req) => ({ method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  }),
);
app.use((req, _res, next) => {
  // Only the server says who the client is; a header of that name from outside is dropped.
  req.headers["x-skillshelf-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
});

// Static files keep their declared type: a browser must not sniff an uploaded image into a script.
app.use(["/assets", "/content"], (_req, res, next) => {
  res.setHeader("x-content-type-options", "nosniff");
  next();
});
app.use("/content", express.static(path.resolve(env.CONTENT_CACHE_DIR, "public"), { maxAge: "1h", index: false }));
// A missing lesson image is a plain 404 (not an error with a stack trace in the log, not the app's page).
app.use("/content", (_req, res) => {
  res.status(404).type("text/plain").send("Not found");
});
if (vite) {
  app.use(vite.middlewares);
} else {
  // Hashed assets, sent precompressed (scripts/precompress.js writes a .br and a .gz beside each at build time),
  // Brotli to the browsers that take it.
  app.use(
    "/assets",
    expressStaticGzip("build/client/assets", { enableBrotli: true, orderPreference: ["br", "gz"], serveStatic: { immutable: true, maxAge: "1y", index: false } }),
  );
  // The other public files (favicon, robots.txt…) are known at start: only their paths touch the
  // disk, so a page request never pays for a failed stat.
  const publicFiles = new Set(
    readdirSync("build/client", { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const publicStatic = express.static("build/client", { maxAge: "1h", index: false });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
}
// The request handler comes from the server build (app/entry.server.tsx), which bundles React Router's production
// copy: the handler and the routes share that one copy. In development Vite loads react-router from node_modules.
const { createRequestHandler } = vite ? await import("@react-router/express") : build.entry.module;
app.use(
  createRequestHandler({
    // In production the build is loaded once; in development Vite reloads it on every request.
    build: vite ? loadBuild : build,
    mode: env.NODE_ENV,
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  logger.info(`Skillshelf is listening on http://localhost:${env.PORT}`);
});
// A client that trickles its headers or its body holds a socket and a request slot: it is cut off. A 5 MB import
// on a slow library line still fits in the two minutes.
// These limits cover receiving a request; an event stream's response may stay open for hours (it sends a comment
// every 20 s, app/live/hub.server.ts) and is not cut by them.
server.headersTimeout = 20_000;
server.requestTimeout = 120_000;

function shutdown(signal) {
  logger.info({ signal }, "shutting down");
  server.close(async () => {
    await startup.close().catch(() => {});
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
