import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { type Plugin, defineConfig } from "vite";
import { contentReload } from "./app/content/vite-plugin.ts";

/**
 * The server build gets React Router's production copy. Its package exports always resolve `dist/development` on
 * Node (react-router issue #14102), whose dev-only checks and warnings run on every request. The server build bundles
 * react-router together with the Express adapter (@react-router/express and @react-router/node, which import it), and
 * server.js takes its request handler from the build (app/entry.server.tsx): one copy of React Router at run time, so
 * its classes (data(), redirects, contexts) are the same on both sides. The browser build is left as it is.
 */
const SERVER_BUNDLED = ["react-router", "@react-router/express", "@react-router/node"];
const reactRouterProduction: Plugin = {
  name: "skillshelf:react-router-production-on-server",
  apply: "build",
  enforce: "pre",
  applyToEnvironment: (environment) => environment.name === "ssr",
  resolveId(id) {
    if (id === "react-router") return fileURLToPath(new URL("./node_modules/react-router/dist/production/index.mjs", import.meta.url));
  },
};

/**
 * The browser's production build runs on Preact (preact/compat) instead of React: ~10 KB gzip instead of react-dom's
 * 62.7 KB, issue #12's JavaScript budget. The server build and `npm run dev` keep React (the server renders with
 * React; app/entry.client.tsx hydrates that HTML with Preact, see there).
 */
function preactInBrowser(): Plugin {
  const aliases: Record<string, string> = {
    react: "preact/compat",
    "react-dom": "preact/compat",
    "react-dom/client": "preact/compat/client",
    "react/jsx-runtime": "preact/jsx-runtime",
    "react/jsx-dev-runtime": "preact/jsx-runtime",
  };
  return {
    name: "skillshelf:preact-in-browser",
    enforce: "pre",
    apply: (_config, env) => env.command === "build" && env.mode === "production" && !env.isSsrBuild,
    applyToEnvironment: (environment) => environment.name === "client",
    async resolveId(source, importer, options) {
      const target = aliases[source];
      if (!target) return null;
      const resolved = await this.resolve(target, importer, { ...options, skipSelf: true });
      // Falling back to React here would ship a build whose entry hydrates the Preact way: stop instead.
      if (!resolved) throw new Error(`${target} is not installed: run npm install (the browser build needs preact)`);
      return resolved;
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [preactInBrowser(), tailwindcss(), reactRouter(), contentReload(), reactRouterProduction],
  ...(command === "build" ? { ssr: { noExternal: SERVER_BUNDLED } } : {}),
  resolve: {
    tsconfigPaths: true,
    // The app's own useTranslation over i18next (app/i18n/react.tsx): cheaper per render, and no store subscription
    // shipped to the browser.
    alias: [{ find: /^react-i18next$/, replacement: fileURLToPath(new URL("./app/i18n/react.tsx", import.meta.url)) }],
  },
}));
