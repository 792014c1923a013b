// getI18n for server code (loaders, actions, resource routes, emails, PDFs, exports, jobs, scripts). Taking it from
// here is what loads the messages: this module registers both languages before anything can call it (the server
// renders either language, and writes to each person in their own), so no server caller can meet unloaded messages.
// The entry of the server build imports it too, so the page render (root Layout, route meta) has them as well.
import { en } from "./bundle.en";
import { vi } from "./bundle.vi";
import { addMessages, getI18n, setTranslator } from "./index";
import { createI18next } from "./i18next";

addMessages("vi", vi);
addMessages("en", en);
// The server translates with i18next; the browser with ./translate (the same text, a fraction of the script).
setTranslator(createI18next);

export { getI18n };
