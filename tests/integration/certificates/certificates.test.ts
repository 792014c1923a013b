import { eq, sql } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { auditEvents, certificates, users } from "../../../db/schema";
import { CODE_LENGTH, normaliseCode } from "../../../app/certificates/code";
import { rotateSigningKey } from "../../../app/certificates/keys.server";
import { statusBit } from "../../../app/certificates/status-list.server";
import { findCertificateByCode, verifyCertificate } from "../../../app/certificates/certificates.server";
import { getStatusList } from "../../../app/certificates/issuer.server";
import { reissueCertificate, revokeCertificate } from "../../../app/certificates/register.server";
import { completeLesson, findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function userId(email: string) {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  return row!.id;
}

/** A one-lesson course and a learner who completes it; returns the certificate. */
export async function completedCertificate(slug: string, options: { validForMonths?: number | null; fullName?: string } = {}) {
  await syncFake(handle.db, fakeCourse(slug, [{ slug: "only", vi: "Bài duy nhất" }], { validForMonths: options.validForMonths ?? null }));
  const email = await createUser(handle.db, { fullName: options.fullName });
  const id = await userId(email);
  const lesson = (await findLesson(handle.db, slug, "only"))!;
  await recordLessonVisit(handle.db, id, lesson);
  await completeLesson(handle.db, id, lesson);
  const [row] = await handle.db.select().from(certificates).where(eq(certificates.userId, id));
  return { userId: id, email, lesson, certificate: row! };
}

test("20 concurrent completions issue exactly one certificate, with a readable 80-bit code", async () => {
  await syncFake(handle.db, fakeCourse("cert-concurrent", [{ slug: "only", vi: "Bài duy nhất" }]));
  const id = await userId(await createUser(handle.db));
  const lesson = (await findLesson(handle.db, "cert-concurrent", "only"))!;
  await recordLessonVisit(handle.db, id, lesson);
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => completeLesson(handle.db, id, lesson)));
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  const rows = await handle.db.select().from(certificates).where(eq(certificates.userId, id));
  expect(rows).toHaveLength(1);
  const cert = rows[0]!;
  expect(cert.code).toMatch(new RegExp(`^[0-9A-HJKMNP-TV-Z]{${CODE_LENGTH}}$`));
  expect(CODE_LENGTH * 5).toBeGreaterThanOrEqual(80);
  expect(cert.fullName).toBe("Nguyễn Thị Hồng Vân");
  expect(cert.courseTitleVi).toBe("Khóa cert-concurrent");
  expect(cert.credentialJwt).toMatch(/^ey/);
  // A replay of the completion changes nothing.
  await completeLesson(handle.db, id, lesson);
  expect(await handle.db.select().from(certificates).where(eq(certificates.userId, id))).toHaveLength(1);
});

test("codes are unique and unguessable: 2,000 of them never repeat and typed forms normalise", async () => {
  const { generateCode, formatCode } = await import("../../../app/certificates/code");
  const codes = new Set(Array.from({ length: 2000 }, () => generateCode()));
  expect(codes.size).toBe(2000);
  const code = [...codes][0]!;
  expect(normaliseCode(` ${formatCode(code).toLowerCase()} `)).toBe(code);
  expect(normaliseCode(formatCode(code).replace(/-/g, " "))).toBe(code);
  for (const bad of ["", "ABC", "x".repeat(5000), "' or 1=1 --", "<script>alert(1)</script>", "ABCD-EFGH-JKMN-PQRU"]) {
    expect(normaliseCode(bad)).toBeNull();
  }
});

test("expiry: a course valid for 24 months gives a certificate that verifies as expired after that", async () => {
  const { certificate } = await completedCertificate("cert-expiry", { validForMonths: 24 });
  expect(certificate.validUntil).not.toBeNull();
  const months = (certificate.validUntil!.getTime() - certificate.completedAt.getTime()) / (30.44 * 86_400_000);
  expect(Math.round(months)).toBe(24);
  expect((await verifyCertificate(handle.db, certificate.code))!.status).toBe("valid");
  await handle.db.update(certificates).set({ validUntil: new Date(Date.now() - 1000) }).where(eq(certificates.id, certificate.id));
  const expired = (await verifyCertificate(handle.db, certificate.code))!;
  expect(expired.status).toBe("expired");
  expect(expired.signature.valid).toBe(true);
});

test("revocation needs a reason, is audited, shows on verification and in the published status list", async () => {
  const { certificate } = await completedCertificate("cert-revoke");
  const hr = await userId(await createUser(handle.db, { roles: ["hr"], fullName: "Lê Hải Yến" }));
  const actor = { id: hr, roles: ["hr"] };
  expect(await revokeCertificate(handle.db, actor, { code: certificate.code, reason: "  ", units: null })).toEqual({ ok: false, reason: "reason-required" });
  expect((await verifyCertificate(handle.db, certificate.code))!.status).toBe("valid");
  const origin = "http://localhost:3000";
  const before = await getStatusList(handle.db, 1, origin);
  expect(statusBit(before.credentialSubject.encodedList, certificate.statusIndex)).toBe(false);

  expect(await revokeCertificate(handle.db, actor, { code: certificate.code, reason: "Cấp nhầm người", units: null })).toEqual({ ok: true });
  const verified = (await verifyCertificate(handle.db, certificate.code))!;
  expect(verified.status).toBe("revoked");
  expect(verified.certificate.revocationReason).toBe("Cấp nhầm người");
  const after = await getStatusList(handle.db, 1, origin);
  expect(statusBit(after.credentialSubject.encodedList, certificate.statusIndex)).toBe(true);
  expect(after.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
  const [audit] = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, certificate.id));
  expect(audit).toMatchObject({ actorId: hr, action: "certificate.revoke", details: { reason: "Cấp nhầm người" } });
  expect(await revokeCertificate(handle.db, actor, { code: certificate.code, reason: "again", units: null })).toEqual({ ok: false, reason: "already-revoked" });
});

test("HR scoped to another unit can neither revoke nor re-issue", async () => {
  const { certificate } = await completedCertificate("cert-scope");
  const actor = { id: await userId(await createUser(handle.db, { roles: ["hr"] })), roles: ["hr"] };
  expect(await revokeCertificate(handle.db, actor, { code: certificate.code, reason: "Sai đơn vị", units: [] })).toEqual({ ok: false, reason: "not-found" });
  expect(await reissueCertificate(handle.db, actor, { code: certificate.code, fullName: "Khác", units: [] })).toEqual({ ok: false, reason: "not-found" });
});

test("re-issue with a corrected name replaces the old certificate and links old to new", async () => {
  const { certificate, userId: learner } = await completedCertificate("cert-reissue", { fullName: "Nguyen Thi Hong Van" });
  const hr = await userId(await createUser(handle.db, { roles: ["hr"] }));
  const result = await reissueCertificate(handle.db, { id: hr, roles: ["hr"] }, { code: certificate.code, fullName: "Nguyễn Thị Hồng Vân", units: null });
  expect(result.ok).toBe(true);
  const newCode = (result as { code: string }).code;
  const old = (await findCertificateByCode(handle.db, certificate.code))!;
  const fresh = (await findCertificateByCode(handle.db, newCode))!;
  expect(old.replacedById).toBe(fresh.id);
  expect(old.replacedByCode).toBe(newCode);
  expect(fresh.replacesId).toBe(old.id);
  expect(fresh.replacesCode).toBe(certificate.code);
  expect(fresh.fullName).toBe("Nguyễn Thị Hồng Vân");
  expect(fresh.completedAt.getTime()).toBe(old.completedAt.getTime());
  expect((await verifyCertificate(handle.db, certificate.code))!.status).toBe("replaced");
  const verified = (await verifyCertificate(handle.db, newCode))!;
  expect(verified.status).toBe("valid");
  expect(verified.signature.valid).toBe(true);
  const [person] = await handle.db.select({ fullName: users.fullName }).from(users).where(eq(users.id, learner));
  expect(person!.fullName).toBe("Nguyễn Thị Hồng Vân");
  const audits = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "certificate.reissue"));
  expect(audits.some((a) => a.targetId === old.id && a.actorId === hr)).toBe(true);
  // The replaced certificate cannot be re-issued again.
  expect(await reissueCertificate(handle.db, { id: hr, roles: ["hr"] }, { code: certificate.code, fullName: "X Y", units: null })).toEqual({ ok: false, reason: "not-current" });
});

test("a tampered credential fails signature verification; rotating the key keeps old credentials verifiable", async () => {
  const { certificate } = await completedCertificate("cert-tamper");
  const jwt = certificate.credentialJwt!;
  const [h, p, s] = jwt.split(".");
  const bytes = Buffer.from(p!, "base64url");
  bytes[10] = bytes[10]! ^ 1;
  await handle.db.update(certificates).set({ credentialJwt: `${h}.${bytes.toString("base64url")}.${s}` }).where(eq(certificates.id, certificate.id));
  expect((await verifyCertificate(handle.db, certificate.code))!.signature.valid).toBe(false);
  await handle.db.update(certificates).set({ credentialJwt: jwt }).where(eq(certificates.id, certificate.id));
  const oldKid = certificate.keyId!;
  const rotated = await rotateSigningKey(handle.db);
  expect(rotated.retired).toContain(oldKid);
  expect((await verifyCertificate(handle.db, certificate.code))!.signature.valid).toBe(true);
  const next = await completedCertificate("cert-after-rotation");
  expect(next.certificate.keyId).toBe(rotated.current);
  expect(decodeProtectedHeader(next.certificate.credentialJwt!).kid).toMatch(new RegExp(`/keys/${rotated.current}\\.json$`));
  void decodeJwt;
  void importJWK;
  void jwtVerify;
});
