import { and, desc, eq, isNull, isNotNull, sql } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { Db } from "../../db/client";
import { signingKeys } from "../../db/schema";
import { certificateUrls } from "./urls";

export const SIGNING_ALG = "ES256";

export type SigningKey = { kid: string; privateKey: CryptoKey };
export type PublicKeyRow = { kid: string; jwk: JWK; createdAt: Date; retiredAt: Date | null };

const imported = new Map<string, CryptoKey>();

/**
 * The public half as published: one JWK with its algorithm, use and kid. The kid is the key's URL, the very
 * string in a credential's header, so that a generic verifier (jose's createLocalJWKSet, any JWKS client)
 * finds the key in /.well-known/jwks.json by it.
 */
export function publicJwkOf(row: { id: string; publicJwk: Record<string, unknown> }, origin: string): JWK {
  const { kty, crv, x, y } = row.publicJwk as JWK;
  return { kty, crv, x, y, kid: certificateUrls(origin).key(row.id), alg: SIGNING_ALG, use: "sig" };
}

/** A new ES256 key pair, stored; its kid is the RFC 7638 thumbprint of the public key. */
async function createKey(db: Db): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  await db.insert(signingKeys).values({ id: kid, alg: SIGNING_ALG, publicJwk: { ...publicJwk }, privateJwk: { ...privateJwk } });
  return kid;
}

/**
 * The key that signs now: the newest one not retired. The first call ever creates it (under an advisory lock,
 * so concurrent first completions create one key, not several).
 */
export async function currentSigningKey(db: Db): Promise<SigningKey> {
  const existing = await newestActive(db);
  if (existing) return existing;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('skillshelf.signing_keys'))`);
    const again = await tx
      .select({ id: signingKeys.id })
      .from(signingKeys)
      .where(and(isNull(signingKeys.retiredAt), isNotNull(signingKeys.privateJwk)))
      .limit(1);
    if (again.length === 0) await createKey(tx as unknown as Db);
  });
  const created = await newestActive(db);
  if (!created) throw new Error("no signing key after creating one");
  return created;
}

async function newestActive(db: Db): Promise<SigningKey | null> {
  const [row] = await db
    .select({ id: signingKeys.id, privateJwk: signingKeys.privateJwk })
    .from(signingKeys)
    .where(and(isNull(signingKeys.retiredAt), isNotNull(signingKeys.privateJwk)))
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.id))
    .limit(1);
  if (!row?.privateJwk) return null;
  let key = imported.get(row.id);
  if (!key) {
    key = (await importJWK(row.privateJwk as JWK, SIGNING_ALG)) as CryptoKey;
    imported.set(row.id, key);
  }
  return { kid: row.id, privateKey: key };
}

/**
 * Rotation: retires the current key (it stays published, so everything it signed still verifies) and creates
 * the next one, which signs from now on. Returns both kids.
 */
export async function rotateSigningKey(db: Db): Promise<{ retired: string[]; current: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('skillshelf.signing_keys'))`);
    const retired = await tx
      .update(signingKeys)
      .set({ retiredAt: sql`now()` })
      .where(isNull(signingKeys.retiredAt))
      .returning({ id: signingKeys.id });
    const current = await createKey(tx as unknown as Db);
    return { retired: retired.map((r) => r.id), current };
  });
}

/** Every key ever used (current and retired), oldest first: all stay published. */
export async function listPublicKeys(db: Db, origin: string): Promise<PublicKeyRow[]> {
  const rows = await db
    .select({ id: signingKeys.id, publicJwk: signingKeys.publicJwk, createdAt: signingKeys.createdAt, retiredAt: signingKeys.retiredAt })
    .from(signingKeys)
    .orderBy(signingKeys.createdAt, signingKeys.id);
  return rows.map((r) => ({ kid: r.id, jwk: publicJwkOf(r, origin), createdAt: r.createdAt, retiredAt: r.retiredAt }));
}

/** One public key by its bare id (the last segment of its URL), published under `origin`. */
export async function findPublicKey(db: Db, kid: string, origin: string): Promise<JWK | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(kid)) return null;
  const [row] = await db.select({ id: signingKeys.id, publicJwk: signingKeys.publicJwk }).from(signingKeys).where(eq(signingKeys.id, kid));
  return row ? publicJwkOf(row, origin) : null;
}
