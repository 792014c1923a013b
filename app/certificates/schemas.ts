import { z } from "zod";

export const RegisterQuerySchema = z.object({
  status: z.enum(["valid", "expired", "revoked", "replaced"]).or(z.literal("")).optional(),
  course: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
});

export const RevokeSchema = z.object({
  intent: z.literal("revoke"),
  reason: z
    .string({ error: "certificates.errors.reasonRequired" })
    .trim()
    .min(3, "certificates.errors.reasonRequired")
    .max(500, "certificates.errors.reasonRequired"),
});

export const ReissueSchema = z.object({
  intent: z.literal("reissue"),
  fullName: z
    .string({ error: "certificates.errors.nameRequired" })
    .trim()
    .min(2, "certificates.errors.nameRequired")
    .max(120, "certificates.errors.nameRequired"),
});

// An unknown intent is one plain "invalid" message (zod's own wording lists the options with "|").
export const ManageSchema = z.discriminatedUnion("intent", [RevokeSchema, ReissueSchema], { error: "validation.invalid" });
