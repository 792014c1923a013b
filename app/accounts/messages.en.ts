import type { Widen } from "~/i18n/types";
import type { vi } from "./messages.vi";

/** English messages of signing in and the account page (login, account); exactly the keys of ./messages.vi.ts (TypeScript checks it). */
export const en = {
  login: {
    title: "Sign in",
    intro: "Sign in with your work email to continue learning.",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    invalid: "Wrong email or password.",
    throttled: "Too many attempts. Please wait {{minutes}} minutes and try again.",
    signedOut: "You have signed out.",
  },
  account: {
    title: "My account",
    profile: "Profile",
    fullName: "Full name",
    email: "Email",
    roles: "Roles",
    changePassword: "Change password",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordHint: "At least 10 characters.",
    confirmPassword: "Repeat the new password",
    save: "Save new password",
    passwordChanged: "Password changed. Your other sessions have been signed out.",
    wrongCurrent: "The current password is wrong.",
    sessions: "Sessions",
    sessionsCount_one: "You are signed in on {{count}} device or browser.",
    sessionsCount_other: "You are signed in on {{count}} devices or browsers.",
    signOutEverywhere: "Sign out everywhere",
    lite: "Lite mode",
    liteIntro: "Pages are sent without JavaScript: much lighter on slow lines and old PCs. Everything still works.",
    liteIsOn: "Lite mode is on.",
    liteIsOff: "Lite mode is off.",
    liteByBrowser: "Your browser asks to save data, so pages are always in lite mode.",
    liteTurnOn: "Turn lite mode on",
    liteTurnOff: "Turn lite mode off",
  },
} satisfies Widen<typeof vi>;
