import { createHash, randomBytes } from "node:crypto";
import { compactVerify, decodeProtectedHeader, importJWK, type JWK, SignJWT } from "jose";
import { isoSeconds } from "./dates";
import { certificateUrls } from "./urls";
import { SIGNING_ALG, type SigningKey } from "./keys.server";
import { STATUS_LIST_SIZE } from "./status-list.server";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

export type CredentialInput = {
  origin: string;
  certificateId: string;
  code: string;
  userId: string;
  email: string;
  fullName: string;
  courseSlug: string;
  courseTitle: string;
  courseTitleEn: string | null;
  courseVersion: string;
  competences: { id: string; level: number; name: string }[];
  issuerName: string;
  issuedAt: Date;
  validUntil: Date | null;
  statusIndex: number;
  /** A programme certificate: the programme's page, the rule met, and the course certificates as evidence. */
  programme?: { criteria: string; evidence: { code: string; name: string }[] } | null;
};

/** OB 3.0 IdentityHash: "sha256$" + hex SHA-256 of the identifier followed by the salt. */
export function identityHash(email: string, salt: string) {
  return `sha256$${createHash("sha256").update(email.trim().toLowerCase() + salt, "utf8").digest("hex")}`;
}

export function issuerProfile(origin: string, name: string) {
  return { id: certificateUrls(origin).issuer, type: ["Profile"], name, url: origin };
}

/** The Open Badges 3.0 OpenBadgeCredential (a W3C VC 2.0) of one certificate. */
export function buildCredential(input: CredentialInput) {
  const urls = certificateUrls(input.origin);
  const salt = randomBytes(16).toString("hex");
  const list = Math.floor(input.statusIndex / STATUS_LIST_SIZE) + 1;
  const listUrl = urls.statusList(list);
  const bit = input.statusIndex % STATUS_LIST_SIZE;
  const fullName = input.fullName.normalize("NFC");
  const credential = {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:${input.certificateId}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: input.courseTitle,
    description: `${fullName} — ${input.courseTitle}`,
    issuer: issuerProfile(input.origin, input.issuerName),
    validFrom: isoSeconds(input.issuedAt),
    ...(input.validUntil ? { validUntil: isoSeconds(input.validUntil) } : {}),
    credentialSubject: {
      id: `urn:uuid:${input.userId}`,
      type: ["AchievementSubject"],
      identifier: [
        { type: "IdentityObject", hashed: true, identityHash: identityHash(input.email, salt), identityType: "emailAddress", salt },
        { type: "IdentityObject", hashed: false, identityHash: fullName, identityType: "name" },
      ],
      achievement: {
        id: input.programme ? urls.programme(input.courseSlug) : urls.achievement(input.courseSlug),
        type: ["Achievement"],
        achievementType: input.programme ? "LearningProgram" : "CertificateOfCompletion",
        name: input.courseTitle,
        description: input.courseTitleEn && input.courseTitleEn !== input.courseTitle ? `${input.courseTitle} (${input.courseTitleEn})` : input.courseTitle,
        criteria: {
          narrative:
            input.programme?.criteria ??
            "Hoàn thành mọi bài học và đạt mọi bài kiểm tra tính điểm của khóa học. / Completed every lesson and passed every graded quiz of the course.",
        },
        version: input.courseVersion,
        alignment: input.competences.map((c) => ({
          type: ["Alignment"],
          targetName: c.name,
          targetCode: c.id,
          targetDescription: `Level ${c.level}`,
          targetFramework: "Khung năng lực số (Thông tư 02/2025/TT-BGDĐT)",
          targetType: "ceasn:Competency",
          targetUrl: urls.competence(c.id),
        })),
      },
    },
    // A programme's credential rests on its course certificates: each is evidence, at its verification page.
    ...(input.programme
      ? {
          evidence: input.programme.evidence.map((e) => ({
            id: urls.verify(e.code),
            type: ["Evidence"],
            name: e.name,
            narrative: `Chứng chỉ khóa học / Course certificate ${e.code}`,
          })),
        }
      : {}),
    credentialStatus: {
      id: `${listUrl}#${bit}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(bit),
      statusListCredential: listUrl,
    },
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
  return credential;
}

export type OpenBadgeCredential = ReturnType<typeof buildCredential>;

/**
 * VC-JWT as OB 3.0 defines it: the credential is the payload, plus iss, jti, sub, nbf (and exp); the header
 * holds only alg ES256, typ JWT and kid — the URL that returns the public key as one JWK.
 */
export async function signCredential(
  credential: { id: string; issuer: { id: string }; validFrom: string; validUntil?: string; credentialSubject: { id: string } },
  key: SigningKey,
  origin: string,
) {
  const nbf = Math.floor(Date.parse(credential.validFrom) / 1000);
  const jwt = new SignJWT({ ...credential })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: certificateUrls(origin).key(key.kid), typ: "JWT" })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setSubject(credential.credentialSubject.id)
    .setNotBefore(nbf);
  if (credential.validUntil) jwt.setExpirationTime(Math.floor(Date.parse(credential.validUntil) / 1000));
  return jwt.sign(key.privateKey);
}

/** The key id named by a VC-JWT's kid URL (its last path segment without .json), or null. */
export function kidOf(jwt: string): string | null {
  try {
    const header = decodeProtectedHeader(jwt);
    if (typeof header.kid !== "string") return null;
    const last = new URL(header.kid).pathname.split("/").pop() ?? "";
    return last.endsWith(".json") ? last.slice(0, -5) : null;
  } catch {
    return null;
  }
}

/**
 * Checks the signature (ES256 only) against the given public key. Expiry is not a signature failure: an
 * expired certificate is reported as expired, so the time check is left to the caller.
 */
export async function verifyCredentialJwt(jwt: string, publicJwk: JWK) {
  try {
    const key = await importJWK(publicJwk, SIGNING_ALG);
    const { payload, protectedHeader } = await compactVerify(jwt, key, { algorithms: [SIGNING_ALG] });
    if (protectedHeader.typ !== "JWT") return { ok: false as const, error: "unexpected typ" };
    return { ok: true as const, payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
  } catch (error) {
    return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
  }
}
