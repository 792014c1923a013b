import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL like postgres://user:password@host:5432/database");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce
    .number({ error: "must be a whole number between 1 and 65535" })
    .int("must be a whole number between 1 and 65535")
    .min(1, "must be a whole number between 1 and 65535")
    .max(65535, "must be a whole number between 1 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v : undefined))
    .pipe(postgresUrl.optional()),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Where courses are written (MDX) and where their compiled form is cached. */
  CONTENT_DIR: z.string().min(1).default("content"),
  CONTENT_CACHE_DIR: z.string().min(1).default(".cache/content"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** "off" behind a PgBouncer that refuses the jit/work_mem startup parameters (db/client.ts). */
  DATABASE_STARTUP_SETTINGS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  /** "off" behind a pooler in transaction mode, which cannot hold the read cache's LISTEN (decision 0011). */
  DATABASE_READ_CACHE: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Public origin used in links sent by email or printed on certificates. */
  APP_URL: z.url({ error: "must be an absolute URL like https://skillshelf.example.vn" }).optional(),
  /** smtp://user:pass@host:587 — without it, email lands in the dev outbox admins read in the app. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
    .pipe(
      z
        .string()
        .refine((v) => /^smtps?:\/\/[^/]+/.test(v), "must be a URL like smtp://user:password@host:587")
        .optional(),
    ),
  MAIL_FROM: z.string().min(3).default("Skillshelf <no-reply@skillshelf.local>"),
  /** The issuing organisation printed on certificates and named in credentials. */
  ORG_NAME_VI: z.string().min(1).default("Thư viện Quốc gia Việt Nam"),
  ORG_NAME_EN: z.string().min(1).default("National Library of Vietnam"),
  /** A PNG or JPEG logo for certificates (path); the built-in Skillshelf mark when unset. */
  ORG_LOGO: z.string().min(1).optional(),
  /** Assigned training: the reminder email goes this many days before the due date (0: only on the day). */
  REMINDER_DAYS_BEFORE: z.coerce
    .number({ error: "must be a whole number of days between 0 and 90" })
    .int("must be a whole number of days between 0 and 90")
    .min(0, "must be a whole number of days between 0 and 90")
    .max(90, "must be a whole number of days between 0 and 90")
    .default(7),
  /**
   * Without APP_URL, links are built from the request's Host, so only these hosts are served (comma-separated;
   * unset: localhost, 127.0.0.1, [::1] and the machine's own name).
   */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => {
      const hosts = (v ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
      return hosts.length > 0 ? hosts : undefined;
    }),
  /** The most a form post may send (bytes); the staff CSV import has its own 5 MB. */
  FORM_MAX_BYTES: z.coerce
    .number({ error: "must be a whole number of bytes between 1024 and 10485760" })
    .int("must be a whole number of bytes between 1024 and 10485760")
    .min(1024, "must be a whole number of bytes between 1024 and 10485760")
    .max(10 * 1024 * 1024, "must be a whole number of bytes between 1024 and 10485760")
    .default(64 * 1024),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses configuration once; a bad value throws one line that names the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "configuration");
    const raw = source[name];
    const shown = name === "DATABASE_URL" ? "" : raw === undefined ? "" : ` (got "${raw.slice(0, 40)}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
}

let cached: Env | null = null;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
