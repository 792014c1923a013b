import { getZodConstraint } from "@conform-to/zod/v4";
import { z } from "zod";
import { hasLineBreak } from "~/platform/safe-redirect";

// Messages are i18n keys; "key|{json}" carries interpolation values (see components/forms.tsx).
const tooLong = (max: number) => `validation.tooLong|${JSON.stringify({ max })}`;

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, tooLong(254))
  .pipe(z.email({ error: "validation.email" }));

// Where to go next: a line break could split the Location header, so it is a 400 (safeRedirect vets the rest).
const redirectToField = z.string().max(2048).refine((v) => !hasLineBreak(v), "validation.invalid").optional();

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: "validation.required" }).max(1024, tooLong(1024)),
  redirectTo: redirectToField,
});

export const newPasswordField = z
  .string({ error: "validation.required" })
  .min(10, "validation.passwordTooShort")
  .max(1024, tooLong(1024));

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).max(1024, tooLong(1024)),
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: "validation.required" }).max(1024, tooLong(1024)),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "validation.passwordMismatch",
    path: ["confirmPassword"],
  });

export const ForgotPasswordSchema = z.object({ email: emailField });

export const SetPasswordSchema = z
  .object({ newPassword: newPasswordField, confirmPassword: z.string({ error: "validation.required" }).max(1024) })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.passwordMismatch", path: ["confirmPassword"] });

/**
 * The forms' HTML constraints (required, lengths), worked out once from the schemas. Loaders hand them to the page, so
 * that zod stays on the server: the browser's bundle of these pages never imports this module (bundles.ts checks).
 */
export const formConstraints = {
  login: getZodConstraint(LoginSchema),
  changePassword: getZodConstraint(ChangePasswordSchema),
  forgotPassword: getZodConstraint(ForgotPasswordSchema),
  setPassword: getZodConstraint(SetPasswordSchema),
};

/** What each form holds, for `useForm<…>` (types only: nothing of zod reaches the page). */
export type LoginForm = z.input<typeof LoginSchema>;
export type ChangePasswordForm = z.input<typeof ChangePasswordSchema>;
export type ForgotPasswordForm = z.input<typeof ForgotPasswordSchema>;
export type SetPasswordForm = z.input<typeof SetPasswordSchema>;

export const LocaleSchema = z.object({
  locale: z.enum(["vi", "en"]),
  redirectTo: redirectToField,
});

export const LiteModeSchema = z.object({
  lite: z.enum(["on", "off"]),
  redirectTo: redirectToField,
});
