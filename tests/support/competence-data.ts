import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { certificates } from "../../db/schema";
import { rowsOf } from "../../app/platform/org-scope.server";

/** A small deterministic PRNG (mulberry32), so that a failing random case can be replayed from its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Random = ReturnType<typeof random>;

export const DAY = 86_400_000;

export type CertRow = {
  id: string;
  userId: string;
  competences: { id: string; level: number }[];
  validUntil: Date | null;
  revokedAt: Date | null;
  replacedById: string | null;
};

let serial = 0;

/** Inserts certificates in one statement (so a multi-row insert reaches the triggers as one statement). */
export async function insertCertificates(
  db: Db,
  courseId: string,
  rows: { userId: string; competences: { id: string; level: number }[]; validUntil?: Date | null; revokedAt?: Date | null; replacesId?: string | null }[],
) {
  if (rows.length === 0) return [];
  return db
    .insert(certificates)
    .values(
      rows.map((r) => {
        serial += 1;
        return {
          code: `REACH${process.pid}${String(serial).padStart(8, "0")}`,
          userId: r.userId,
          courseId,
          // A fresh cycle each time: the issue key (person, course, cycle) never collides.
          cycle: serial,
          fullName: "Người thử",
          courseSlug: "reach",
          courseTitleVi: "Khoá thử",
          courseVersion: "v1",
          competences: r.competences,
          issuer: { nameVi: "Thư viện", nameEn: "Library", url: "http://localhost" },
          completedAt: new Date(Date.now() - 30 * DAY),
          validUntil: r.validUntil ?? null,
          revokedAt: r.revokedAt ?? null,
          replacesId: r.replacesId ?? null,
        };
      }),
    )
    .returning({ id: certificates.id });
}

/** Every certificate as the triggers see it. */
export async function allCertificates(db: Db): Promise<CertRow[]> {
  return db
    .select({
      id: certificates.id,
      userId: certificates.userId,
      competences: certificates.competences,
      validUntil: certificates.validUntil,
      revokedAt: certificates.revokedAt,
      replacedById: certificates.replacedById,
    })
    .from(certificates)
    .orderBy(certificates.statusIndex);
}

/** What competence_reach should hold, worked out naively from the certificates: "user|competence|level" → end (ms, Infinity for never). */
export function expectedReach(certs: readonly CertRow[]) {
  const out = new Map<string, number>();
  const keep = (key: string, until: number) => out.set(key, Math.max(out.get(key) ?? -Infinity, until));
  for (const c of certs) {
    if (c.revokedAt !== null || c.replacedById !== null || c.competences.length === 0) continue;
    const until = c.validUntil === null ? Infinity : c.validUntil.getTime();
    keep(`${c.userId}|*|0`, until);
    for (const e of c.competences) for (let level = 1; level <= Math.min(e.level, 8); level++) keep(`${c.userId}|${e.id}|${level}`, until);
  }
  return out;
}

/** What competence_reach holds, in the same shape. */
export async function actualReach(db: Db) {
  const rows = rowsOf<{ user_id: string; competence_id: string; level: number; until: string }>(
    await db.execute(sql`select user_id, competence_id, level, case when until = 'infinity' then 'infinity' else to_char(until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end as until from competence_reach`),
  );
  return new Map(rows.map((r) => [`${r.user_id}|${r.competence_id}|${r.level}`, r.until === "infinity" ? Infinity : new Date(r.until).getTime()]));
}

/** The two maps as sorted lists, for a readable diff when they differ. */
export const sortedEntries = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
