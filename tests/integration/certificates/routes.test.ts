import * as competencesPage from "../../../app/learning/routes/competences";
import { readFileSync } from "node:fs";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { and, eq, sql } from "drizzle-orm";
import { createLocalJWKSet, decodeProtectedHeader, importJWK, type JWK, type JSONWebKeySet, jwtVerify } from "jose";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { certificates, orgUnits, userRoles, users } from "../../../db/schema";
import { statusBit } from "../../../app/certificates/status-list.server";
import { completeLesson, findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import * as loginRoute from "../../../app/accounts/routes/login";
import * as certificateRoute from "../../../app/certificates/routes/certificate";
import * as pdfRoute from "../../../app/certificates/routes/certificate-pdf";
import * as jwtRoute from "../../../app/certificates/routes/certificate-jwt";
import * as verifyRoute from "../../../app/certificates/routes/verify";
import * as verifyCodeRoute from "../../../app/certificates/routes/verify-code";
import * as jwksRoute from "../../../app/certificates/routes/jwks";
import * as keyRoute from "../../../app/certificates/routes/signing-key";
import * as issuerRoute from "../../../app/certificates/routes/issuer";
import * as statusRoute from "../../../app/certificates/routes/status-list";
import * as registerRoute from "../../../app/certificates/routes/register";
import * as exportRoute from "../../../app/certificates/routes/register-export";
import * as manageRoute from "../../../app/certificates/routes/register-certificate";
import { createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { callRoute, cookieFrom, request } from "../../support/route";

let handle: DbHandle;
let code: string;
let learner: string;
let stranger: string;
let hr: string;
let learnerId: string;

async function signIn(email: string, ip: string) {
  const result = await callRoute(loginRoute.action, request("/login", { form: { email, password: TEST_PASSWORD, redirectTo: "/learning" }, headers: { "x-skillshelf-client-ip": ip } }), handle.db);
  return cookieFrom(result);
}

const get = (fn: (args: never) => unknown, path: string, params: Record<string, string>, cookie?: string, ip = "10.1.0.1") =>
  callRoute(fn, request(path, { cookie, headers: { "x-skillshelf-client-ip": ip } }), handle.db, params);

beforeAll(async () => {
  handle = await createTestDb();
  await syncFake(handle.db, fakeCourse("cert-routes", [{ slug: "only", vi: "Bài duy nhất" }], { validForMonths: 24 }));
  const learnerEmail = await createUser(handle.db, { fullName: "Hoàng Việt", orgUnit: "LS-PV" });
  const strangerEmail = await createUser(handle.db);
  const hrEmail = await createUser(handle.db, { roles: ["hr"], fullName: "Lê Hải Yến", orgUnit: "TVQG" });
  [learner, stranger, hr] = await Promise.all([signIn(learnerEmail, "10.0.0.1"), signIn(strangerEmail, "10.0.0.2"), signIn(hrEmail, "10.0.0.3")]);
  const [row] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${learnerEmail}`);
  learnerId = row!.id;
  const lesson = (await findLesson(handle.db, "cert-routes", "only"))!;
  await recordLessonVisit(handle.db, learnerId, lesson);
  await completeLesson(handle.db, learnerId, lesson);
  const [cert] = await handle.db.select({ code: certificates.code }).from(certificates).where(eq(certificates.userId, learnerId));
  code = cert!.code;
});
afterAll(async () => {
  await handle?.close();
});

test("the learner sees their certificate; another learner gets 404 for the page, the PDF and the credential", async () => {
  const own = await get(certificateRoute.loader, `/certificates/${code}`, { code }, learner);
  expect(own.status).toBe(200);
  expect(own.data).toMatchObject({ fullName: "Hoàng Việt", courseTitle: "Khóa cert-routes", status: "valid", verifyUrl: `http://localhost:3000/verify/${code}` });
  expect((await get(certificateRoute.loader, `/certificates/${code}`, { code }, stranger)).status).toBe(404);
  expect((await get(pdfRoute.loader, `/certificates/${code}/pdf?lang=vi`, { code }, stranger)).status).toBe(404);
  expect((await get(jwtRoute.loader, `/certificates/${code}/credential.jwt`, { code }, stranger)).status).toBe(404);
  expect((await get(certificateRoute.loader, `/certificates/${code}`, { code })).status).toBe(302);
  const pdf = await get(pdfRoute.loader, `/certificates/${code}/pdf?lang=en`, { code }, learner);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get("content-type")).toBe("application/pdf");
  expect(pdf.headers.get("content-disposition")).toContain(`certificate-cert-routes-${code}.pdf`);
  expect((await get(pdfRoute.loader, `/certificates/${code}/pdf?lang=fr`, { code }, learner)).status).toBe(400);
});

test("the credential is an OB 3.0 VC-JWT that verifies with the key at its kid URL, matches its claims and the schema", async () => {
  const result = await get(jwtRoute.loader, `/certificates/${code}/credential.jwt`, { code }, learner);
  expect(result.status).toBe(200);
  const jwt = String(result.data);
  const header = decodeProtectedHeader(jwt);
  expect(Object.keys(header).sort()).toEqual(["alg", "kid", "typ"]);
  expect(header).toMatchObject({ alg: "ES256", typ: "JWT" });
  const kidUrl = new URL(header.kid!);
  expect(kidUrl.origin).toBe("http://localhost:3000");
  const file = kidUrl.pathname.replace(/^\/keys\//, "");
  const keyResponse = await get(keyRoute.loader, kidUrl.pathname, { file });
  expect(keyResponse.status).toBe(200);
  const jwk = keyResponse.data as JWK;
  expect(jwk).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
  expect(jwk).not.toHaveProperty("d");
  const { payload } = await jwtVerify(jwt, await importJWK(jwk, "ES256"), { algorithms: ["ES256"] });
  const vc = payload as Record<string, any>;
  expect(vc["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
  expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
  expect(payload.iss).toBe(vc.issuer.id);
  expect(payload.sub).toBe(vc.credentialSubject.id);
  expect(payload.jti).toBe(vc.id);
  expect(payload.nbf).toBe(Date.parse(vc.validFrom) / 1000);
  expect(payload.exp).toBe(Date.parse(vc.validUntil) / 1000);
  expect(vc.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(vc.credentialSubject.achievement.achievementType).toBe("CertificateOfCompletion");
  expect(vc.credentialSubject.achievement.alignment[0]).toMatchObject({ targetCode: "6.1", type: ["Alignment"] });
  // Each alignment's targetUrl is an entry of the public framework page, readable signed out.
  const target = new URL(vc.credentialSubject.achievement.alignment[0].targetUrl);
  expect(target.pathname + target.hash).toBe("/competences#competence-6.1");
  const framework = await callRoute(competencesPage.loader, request("/competences"), handle.db);
  expect(framework.status).toBe(200);
  const ids = (framework.data as { domains: { competences: { id: string }[] }[] }).domains.flatMap((d) => d.competences.map((c) => c.id));
  expect(ids).toContain("6.1");
  expect(JSON.stringify(vc)).not.toContain("@thuvien.test");
  const email = vc.credentialSubject.identifier.find((i: { identityType: string }) => i.identityType === "emailAddress");
  expect(email.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
  const schema = JSON.parse(readFileSync("tests/fixtures/open-badges/ob_v3p0_achievementcredential_schema.json", "utf8"));
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const { iss, sub, jti, nbf, exp, ...credential } = payload;
  void [iss, sub, jti, nbf, exp];
  expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
  // One byte of the payload changed: the signature no longer verifies.
  const [h, p, s] = jwt.split(".");
  const bytes = Buffer.from(p!, "base64url");
  bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 1;
  await expect(jwtVerify(`${h}.${bytes.toString("base64url")}.${s}`, await importJWK(jwk, "ES256"))).rejects.toThrow();
  // The key is also in the JWKS, and the issuer profile is where issuer.id says.
  const jwks = (await get(jwksRoute.loader, "/.well-known/jwks.json", {})).data as JSONWebKeySet;
  expect(jwks.keys.map((k) => k.kid)).toContain(jwk.kid);
  // A generic verifier picks the key from the JWKS by the header's kid: the two name the key the same way.
  expect(jwk.kid).toBe(header.kid);
  const verified = await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ["ES256"] });
  expect(verified.protectedHeader.kid).toBe(header.kid);
  expect(verified.payload.jti).toBe(vc.id);
  const issuer = (await get(issuerRoute.loader, "/issuer", {})).data as { id: string; type: string[] };
  expect(issuer.id).toBe(vc.issuer.id);
  expect(issuer.type).toEqual(["Profile"]);
  expect((await get(keyRoute.loader, "/keys/nope.json", { file: "nope.json" })).status).toBe(404);
});

test("public verification works signed out, says the signature was checked, and 404s on bad codes", async () => {
  const page = await get(verifyCodeRoute.loader, `/verify/${code}`, { code });
  expect(page.status).toBe(200);
  expect(page.data).toMatchObject({ fullName: "Hoàng Việt", status: "valid", signatureValid: true, reason: null });
  const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4, 8)}-${code.slice(8)}`;
  const redirect = await callRoute(verifyRoute.loader, request(`/verify?code=${encodeURIComponent(typed)}`, { headers: { "x-skillshelf-client-ip": "10.2.0.1" } }), handle.db);
  expect(redirect.status).toBe(302);
  expect(redirect.location).toBe(`/verify/${code}`);
  const posted = await callRoute(verifyRoute.action, request("/verify", { form: { code: typed }, headers: { "x-skillshelf-client-ip": "10.2.0.1" } }), handle.db);
  expect(posted.location).toBe(`/verify/${code}`);
  for (const bad of ["ABC", "0".repeat(16), "' OR 1=1 --", "<script>alert(1)</script>", "x".repeat(10_000), "%00", "ÀÁÂ"]) {
    const result = await get(verifyCodeRoute.loader, `/verify/${encodeURIComponent(bad)}`, { code: bad }, undefined, "10.2.0.2");
    expect(result.status, bad.slice(0, 20)).toBe(404);
  }
});

test("verification is rate-limited per client", async () => {
  let last = 0;
  for (let i = 0; i < 61; i++) last = (await get(verifyCodeRoute.loader, `/verify/${code}`, { code }, undefined, "10.3.0.1")).status;
  expect(last).toBe(429);
  expect((await get(verifyCodeRoute.loader, `/verify/${code}`, { code }, undefined, "10.3.0.2")).status).toBe(200);
});

test("HR revokes with a required reason; verification and the status list show it; only HR sees the reason", async () => {
  const path = `/reports/certificates/${code}`;
  expect((await get(manageRoute.loader, path, { code }, learner)).status).toBe(403);
  const refused = await callRoute(manageRoute.action, request(path, { cookie: hr, form: { intent: "revoke", reason: "" } }), handle.db, { code });
  expect(refused.status).toBe(400);
  expect((await get(verifyCodeRoute.loader, `/verify/${code}`, { code }, undefined, "10.4.0.1")).data).toMatchObject({ status: "valid" });
  const done = await callRoute(manageRoute.action, request(path, { cookie: hr, form: { intent: "revoke", reason: "Hồ sơ không hợp lệ" } }), handle.db, { code });
  expect(done.status).toBe(302);
  const anonymous = (await get(verifyCodeRoute.loader, `/verify/${code}`, { code }, undefined, "10.4.0.1")).data as Record<string, unknown>;
  expect(anonymous).toMatchObject({ status: "revoked", reason: null, signatureValid: true });
  expect(anonymous.revokedAt).toBeTruthy();
  expect((await get(verifyCodeRoute.loader, `/verify/${code}`, { code }, hr, "10.4.0.1")).data).toMatchObject({ reason: "Hồ sơ không hợp lệ" });
  const [row] = await handle.db.select({ statusIndex: certificates.statusIndex }).from(certificates).where(eq(certificates.code, code));
  const list = (await get(statusRoute.loader, "/credentials/status/1", { list: "1" })).data as { credentialSubject: { encodedList: string } };
  expect(statusBit(list.credentialSubject.encodedList, row!.statusIndex)).toBe(true);
  expect((await get(statusRoute.loader, "/credentials/status/x", { list: "x" })).status).toBe(404);
  // Signed as a VC-JWT too, verifiable with the key its kid names.
  const signed = String((await get(statusRoute.loader, "/credentials/status/1.jwt", { list: "1.jwt" })).data);
  const kid = new URL(decodeProtectedHeader(signed).kid!).pathname.replace(/^\/keys\//, "");
  const key = (await get(keyRoute.loader, `/keys/${kid}`, { file: kid })).data as JWK;
  const { payload } = await jwtVerify(signed, await importJWK(key, "ES256"), { algorithms: ["ES256"] });
  expect(statusBit((payload.credentialSubject as { encodedList: string }).encodedList, row!.statusIndex)).toBe(true);
  const history = (await get(manageRoute.loader, path, { code }, hr)).data as { history: { action: string }[] };
  expect(history.history.map((h) => h.action)).toEqual(["certificate.revoke"]);
});

test("the register lists certificates by status, course and text, exports CSV and XLSX, and respects the HR scope", async () => {
  const all = await get(registerRoute.loader, "/reports/certificates?status=revoked&q=hoang%20viet", {}, hr);
  expect(all.status).toBe(200);
  expect((all.data as { rows: { code: string }[] }).rows.map((r) => r.code)).toEqual([code]);
  expect(((await get(registerRoute.loader, "/reports/certificates?status=valid&course=cert-routes", {}, hr)).data as { rows: unknown[] }).rows).toEqual([]);
  expect((await get(registerRoute.loader, "/reports/certificates?status=bogus", {}, hr)).status).toBe(400);
  expect((await get(registerRoute.loader, "/reports/certificates", {}, learner)).status).toBe(403);
  const csv = await get(exportRoute.loader, "/reports/certificates/export?format=csv&q=hoang", {}, hr);
  expect(csv.headers.get("content-type")).toContain("text/csv");
  expect(String(csv.data).startsWith("Mã chứng chỉ,")).toBe(true); // (Response.text() drops the BOM toCsv adds)
  expect(String(csv.data)).toContain("Hoàng Việt");
  const xlsx = await get(exportRoute.loader, "/reports/certificates/export?format=xlsx", {}, hr);
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  // Scoped to the National Library, HR no longer sees the Lạng Sơn learner's certificate, nor its page.
  const [unit] = await handle.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, "TVQG"));
  const [hrUser] = await handle.db.select({ id: users.id }).from(users).where(eq(users.fullName, "Lê Hải Yến"));
  await handle.db.update(userRoles).set({ scopeOrgUnitId: unit!.id }).where(and(eq(userRoles.userId, hrUser!.id), eq(userRoles.role, "hr")));
  expect(((await get(registerRoute.loader, "/reports/certificates", {}, hr)).data as { rows: unknown[] }).rows).toEqual([]);
  expect((await get(manageRoute.loader, `/reports/certificates/${code}`, { code }, hr)).status).toBe(404);
  expect(String((await get(exportRoute.loader, "/reports/certificates/export?format=csv", {}, hr)).data)).not.toContain("Hoàng Việt");
  await handle.db.update(userRoles).set({ scopeOrgUnitId: null }).where(eq(userRoles.userId, hrUser!.id));
});
