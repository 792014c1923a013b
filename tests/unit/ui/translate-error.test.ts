import { expect, it } from "vitest";
import { translateError } from "../../../app/ui/forms";

const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ""}`;

it("translates a key with JSON parameters", () => {
  expect(translateError(t, 'staffAdmin.import.errors.tooLarge|{"mb":5}')).toBe('staffAdmin.import.errors.tooLarge{"mb":5}');
  expect(translateError(t, "validation.invalid")).toBe("validation.invalid");
});

it("a message that merely contains | (zod's list of options) is shown as invalid, never thrown", () => {
  expect(translateError(t, 'Invalid input: expected "revoke" | "reissue"')).toBe("validation.invalid");
});
