// Importing this registers both languages: the server renders either, and emails, PDFs and exports are
// written in each person's own language.
import { en } from "./bundle.en";
import { addMessages } from "./index";
import { vi } from "./bundle.vi";

addMessages("vi", vi);
addMessages("en", en);
