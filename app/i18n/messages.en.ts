import type { Widen } from "./types";
import type { vi } from "./messages.vi";

/** English messages of the interface every capability shares (app, nav, language, roles, validation, errors); exactly the keys of ./messages.vi.ts (TypeScript checks it). */
export const en = {
  app: {
    name: "Skillshelf",
    tagline: "The digital-skills academy for library staff",
    skipToContent: "Skip to main content",
    mainNav: "Main navigation",
    footer: "Skillshelf — digital-skills training for Vietnam's library network",
  },
  lite: {
    turnOn: "Lite mode (no JavaScript)",
    turnOff: "Turn lite mode off",
    byBrowser: "Lite mode: your browser asks to save data",
  },
  nav: {
    learning: "My learning",
    catalogue: "Catalogue",
    trainer: "Trainer",
    reports: "Reports",
    admin: "Admin",
    account: "Account",
    signOut: "Sign out",
    menu: "Menu",
    signIn: "Sign in",
  },
  language: {
    label: "Language",
    vi: "Tiếng Việt",
    en: "English",
    switchTo: "Switch language",
  },
  roles: {
    learner: "Learner",
    trainer: "Trainer",
    hr: "HR",
    manager: "Unit manager",
    admin: "Administrator",
  },
  validation: {
    required: "Please fill in this field.",
    email: "This is not a valid email address.",
    tooLong: "Too long (at most {{max}} characters).",
    passwordTooShort: "The password needs at least 10 characters.",
    passwordMismatch: "The two passwords do not match.",
    invalid: "This value is not valid.",
  },
  errors: {
    notFoundTitle: "Page not found",
    notFoundText: "The page you are looking for does not exist or has moved.",
    forbiddenTitle: "You do not have access",
    forbiddenText: "This page is for the role: {{roles}}.",
    badRequestTitle: "Bad request",
    bodyTooLarge: "The form sent is too large (at most {{kb}} KB). Shorten it and send it again.",
    badBody: "What was sent could not be read. Open the page again and send the form from there.",
    badAddress: "The page address is not valid.",
    tooManyTitle: "Too many requests",
    tooManyText: "Please wait a moment and try again.",
    serverTitle: "Something went wrong",
    serverText: "We have logged the problem. Please try again in a few minutes.",
    crossOrigin: "A request from another website was refused.",
    backHome: "Back to the home page",
  },
} satisfies Widen<typeof vi>;
