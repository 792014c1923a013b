import { z } from "zod";
import { EMAIL_KINDS } from "./kinds";

/** The list's page (anything else: the first page). */
export const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The list's two forms: mark one notification read, or all of them. */
export const NotificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.uuid() }),
  z.object({ intent: z.literal("read-all") }),
]);

/** Email on or off per kind: the checked kinds are on, every other one off. */
export const EmailChoicesSchema = z.object({
  intent: z.literal("save-email"),
  kind: z.array(z.enum(EMAIL_KINDS)).max(EMAIL_KINDS.length).default([]),
});
