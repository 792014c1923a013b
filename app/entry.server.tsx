// Both languages for every page this server renders (the root Layout and route meta take them from ~/i18n).
import "./i18n/i18n.server";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { type EntryContext, type HandleErrorFunction, type RouterContextProvider, ServerRouter } from "react-router";
import { nonceContext } from "./platform/context";
import { DocumentHtmlProvider, documentHtmlContext } from "./platform/document-html";
import { logger, logRequestError } from "./platform/log.server";
import { NonceProvider } from "./platform/nonce";

export const streamTimeout = 5_000;

// Exposed to server.js through the server build (build.entry.module): it checks configuration and
// the database before the server listens, so a bad value stops the app with one clear line.
export { startup } from "./startup.server";
// server.js's request handler, from the copy of React Router bundled into the server build (vite.config.ts).
export { createRequestHandler } from "@react-router/express";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = loadContext.get(nonceContext);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    // Every page is rendered whole and sent as one piece: no route defers data, so streaming would gain nothing,
    // and one piece compresses far better than many flushed chunks (and costs less CPU to compress).
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        {/* HTML the loaders kept out of the router's data (a lesson's body): rendered into the page only. */}
        <DocumentHtmlProvider value={loadContext.get(documentHtmlContext)}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </DocumentHtmlProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const body = new PassThrough();
          body.on("data", (chunk: Buffer) => chunks.push(chunk));
          body.on("end", () => {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            const html = Buffer.concat(chunks);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            // Known length, not chunked: a page over the socket's 16 KB high-water mark otherwise waits for 'drain'
            // and sends the chunked terminator in a write (a system call) of its own. Compression drops the header.
            responseHeaders.set("Content-Length", String(html.length));
            resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logRequestError(error, request);
};
