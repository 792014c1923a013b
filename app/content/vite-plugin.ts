import path from "node:path";
import type { Plugin, ViteDevServer } from "vite";

export type ContentReloadOptions = {
  contentRoot?: string;
  cacheDir?: string;
  /** Editors save in bursts; wait this long after the last change before rebuilding. */
  debounceMs?: number;
};

/**
 * Dev only: rebuilds content/ into the cache when a file changes (through buildContent, like
 * every other compile path) and tells the browser to reload. Requests never compile MDX.
 */
export function contentReload(options: ContentReloadOptions = {}): Plugin {
  const contentRoot = path.resolve(options.contentRoot ?? "content");
  const cacheDir = path.resolve(options.cacheDir ?? ".cache/content");
  const debounceMs = options.debounceMs ?? 150;

  return {
    name: "skillshelf:content-reload",
    apply: "serve",
    configureServer(server) {
      const pending = new Set<string>();
      let timer: NodeJS.Timeout | undefined;
      // Builds run one after another: two at once would race on the manifest.
      let queue = rebuild(server, null, false);

      const onFile = (file: string) => {
        const abs = path.resolve(file);
        if (!abs.startsWith(contentRoot + path.sep)) return;
        pending.add(abs);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const files = [...pending];
          pending.clear();
          // Only lesson edits can be rebuilt alone; an image, competences.yaml or a deletion
          // may affect any lesson, so those run a full (still cached) build.
          const onlyMdx = files.every((f) => f.endsWith(".mdx"));
          queue = queue.then(() => rebuild(server, onlyMdx ? files : null, true));
        }, debounceMs);
      };
      server.watcher.add(contentRoot);
      server.watcher.on("add", onFile);
      server.watcher.on("change", onFile);
      server.watcher.on("unlink", onFile);
    },
  };

  async function rebuild(server: ViteDevServer, files: string[] | null, reload: boolean): Promise<void> {
    const logger = server.config.logger;
    try {
      // Loaded through Vite so that vite.config.ts imports no TypeScript module graph of its own.
      const { buildContent } = (await server.ssrLoadModule(path.resolve("app/content/build.server.ts"))) as typeof import("./build.server");
      const { formatProblem } = (await server.ssrLoadModule(path.resolve("app/content/problems.ts"))) as typeof import("./problems");
      const result = await buildContent({ contentRoot, cacheDir, onlyFiles: files ?? undefined });
      for (const problem of result.problems) logger.warn(`content: ${formatProblem(problem)}`, { timestamp: true });
      if (result.compiled.length > 0) {
        const what = result.compiled.length > 3 ? `${result.compiled.length} files` : result.compiled.join(", ");
        logger.info(`content: compiled ${what} (${result.durationMs} ms)`, { timestamp: true });
      }
      if (reload) server.ws.send({ type: "full-reload" });
    } catch (error) {
      logger.error(`content: build failed: ${(error as Error).stack ?? String(error)}`, { timestamp: true });
    }
  }
}
