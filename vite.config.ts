import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import { contentReload } from "./app/content/vite-plugin.ts";

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
      return this.resolve(target, importer, { ...options, skipSelf: true });
    },
  };
}

export default defineConfig({
  plugins: [preactInBrowser(), tailwindcss(), reactRouter(), contentReload()],
  resolve: {
    tsconfigPaths: true,
    // The app's own useTranslation over i18next (app/i18n/react.tsx): cheaper per render, and no store subscription
    // shipped to the browser.
    alias: [{ find: /^react-i18next$/, replacement: fileURLToPath(new URL("./app/i18n/react.tsx", import.meta.url)) }],
  },
});
