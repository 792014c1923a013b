/** The issuer: its names, and the documents it publishes (issuer profile, status lists). */
import { and, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { certificates } from "../../db/schema";
import { issuerProfile, signCredential } from "./credential.server";
import { currentSigningKey } from "./keys.server";
import { STATUS_LIST_SIZE, statusListCredential } from "./status-list.server";
import type { Locale } from "~/i18n";
import { getEnv } from "~/platform/env.server";

export function issuerNames() {
  const env = getEnv();
  return { nameVi: env.ORG_NAME_VI, nameEn: env.ORG_NAME_EN };
}

/** The published status list number `list` (1-based): revoked and replaced certificates have their bit set. */
export async function getStatusList(db: Db, list: number, origin: string, locale: Locale = "vi") {
  const from = (list - 1) * STATUS_LIST_SIZE;
  const rows = await db
    .select({ statusIndex: certificates.statusIndex })
    .from(certificates)
    .where(
      and(
        sql`(${certificates.revokedAt} is not null or ${certificates.replacedById} is not null)`,
        sql`${certificates.statusIndex} >= ${from} and ${certificates.statusIndex} < ${from + STATUS_LIST_SIZE}`,
      ),
    );
  const names = issuerNames();
  return statusListCredential(origin, list, locale === "en" ? names.nameEn : names.nameVi, rows.map((r) => r.statusIndex - from));
}

/** The same status list signed as a VC-JWT with the current key (its `kid` is the key's URL). */
export async function getSignedStatusList(db: Db, list: number, origin: string) {
  const credential = await getStatusList(db, list, origin);
  return signCredential(credential, await currentSigningKey(db), origin);
}

/** The issuer Profile published at /issuer. */
export function getIssuerProfile(origin: string) {
  const names = issuerNames();
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    ...issuerProfile(origin, names.nameVi),
    description: names.nameEn,
  };
}
