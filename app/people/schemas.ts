import { z } from "zod";
import { ROLES } from "~/platform/permissions";

const tooLong = (max: number) => `validation.tooLong|${JSON.stringify({ max })}`;
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, tooLong(max)).optional());
const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional());

export const StaffQuerySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  unit: optionalId.catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).default("active").catch("active"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

/** The audit log's filter: a kind has two or three parts ("user.roles", "live.post.hide"); anything else is ignored. */
export const AuditQuerySchema = z.object({
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+){1,2}$/).max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export const PersonSchema = z.object({
  fullName: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, tooLong(200)),
  email: z
    .string({ error: "validation.required" })
    .trim()
    .max(254, tooLong(254))
    .pipe(z.email({ error: "validation.email" })),
  staffNumber: optionalText(50),
  jobTitle: optionalText(200),
  orgUnitId: optionalId,
  roles: z.array(z.enum(ROLES)).default([]),
  hrScopeId: optionalId,
  active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  locale: z.enum(["vi", "en"]).default("vi"),
  invite: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
});

export const UnitSchema = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(32, "staffAdmin.units.codeInvalid")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "staffAdmin.units.codeInvalid")
    .transform((v) => v.toUpperCase()),
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, tooLong(200)),
  nameEn: optionalText(200),
  parentId: optionalId,
});
