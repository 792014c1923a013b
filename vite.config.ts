import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import { contentReload } from "./app/content/vite-plugin.ts";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), contentReload()],
  resolve: { tsconfigPaths: true },
});
