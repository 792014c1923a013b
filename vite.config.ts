import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import { contentReload } from "./app/content/vite-plugin.ts";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), contentReload()],
  resolve: {
    tsconfigPaths: true,
    // The app's own useTranslation over i18next (app/i18n/react.tsx): cheaper per render, and no store subscription
    // shipped to the browser.
    alias: [{ find: /^react-i18next$/, replacement: fileURLToPath(new URL("./app/i18n/react.tsx", import.meta.url)) }],
  },
});
