import { z } from "zod";

// Messages are i18n keys; "key|{json}" carries interpolation values (see components/forms.tsx).
const tooLong = (max: number) => `validation.tooLong|${JSON.stringify({ max })}`;

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, tooLong(254))
  .pipe(z.email({ error: "validation.email" }));

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: "validation.required" }).max(1024, tooLong(1024)),
  redirectTo: z.string().max(2048).optional(),
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
  redirectTo: z.string().max(2048).optional(),
});
