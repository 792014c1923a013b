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

export const LocaleSchema = z.object({
  locale: z.enum(["vi", "en"]),
  redirectTo: redirectToField,
});

export const LiteModeSchema = z.object({
  lite: z.enum(["on", "off"]),
  redirectTo: redirectToField,
});
