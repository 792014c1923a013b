/**
 * The hostile corpus: malformed bodies a careless or hostile client sends to a form action. Shared by the
 * in-process walk (tests/integration/platform/hostile-actions.test.ts) and `npm run hostile` (over HTTP).
 * No entry carries a well-formed known intent with valid data: every one must be refused (4xx), nothing changed.
 */
export type HostileBody = { name: string; contentType?: string; body?: string | Uint8Array };

/** Field names the app's forms use (a hostile value in any of them must never reach the database as-is). */
export const FIELDS = [
  "email", "password", "confirmPassword", "currentPassword", "fullName", "name", "nameEn", "code", "reason", "q",
  "peopleQuery", "people", "orgUnitId", "courseId", "jobTitle", "dueOn", "note", "locale", "redirectTo", "id",
  "userId", "lessonId", "quizId", "attemptId", "importId", "staffNumber", "roles", "hrScopeId", "parentId", "active", "kind",
];
export const UNKNOWN_INTENTS = ["__nope__", "revoke|x", "save\"}", "", "x".repeat(300)];
const KNOWN_INTENTS = ["save", "search", "preview", "withdraw", "revoke", "reissue", "confirm", "invite", "complete", "quiz-start", "quiz-save", "quiz-submit", "revoke-sessions", "sign-out-everywhere", "deactivate", "reactivate", "update", "read", "read-all", "save-email"];

const form = (entries: [string, string][]) => entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
const everyField = (value: string, intent: string) => form([["intent", intent], ...FIELDS.map((f): [string, string] => [f, value])]);
const URLENCODED = "application/x-www-form-urlencoded";
const BOUNDARY = "----hostile";
const multipart = (parts: string) => `${parts}--${BOUNDARY}--\r\n`;
const part = (name: string, value: string, filename?: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n\r\n${value}\r\n`;

export function hostileBodies(): HostileBody[] {
  const bodies: HostileBody[] = [
    { name: "json", contentType: "application/json", body: JSON.stringify({ intent: "save", email: "a@b.vn" }) },
    { name: "text/plain", contentType: "text/plain", body: "intent=save&email=a@b.vn" },
    { name: "xml", contentType: "application/xml", body: "<a/>" },
    { name: "no content type, empty", body: undefined },
    { name: "no content type, a body", body: "intent=save" },
    { name: "multipart without boundary", contentType: "multipart/form-data", body: "intent=save" },
    { name: "broken multipart", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave` },
    { name: "multipart, NUL in a field", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: multipart(part("intent", "save") + part("fullName", "a\0b") + part("email", "a\0@b.vn")) },
    { name: "multipart, a file where text is expected", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: multipart(part("intent", "__nope__") + part("email", "x", "x.txt") + part("password", "y", "y.txt")) },
    { name: "invalid UTF-8 escapes", contentType: URLENCODED, body: "intent=%FF%FE&email=%C3&fullName=%E0%A4" },
    { name: "raw bytes that are not UTF-8", contentType: URLENCODED, body: new Uint8Array([0x69, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x3d, 0xff, 0xfe, 0x26, 0x71, 0x3d, 0xc3]) },
    { name: "broken percent escapes", contentType: URLENCODED, body: "intent=%&email=%zz&q=%%" },
    { name: "1 MB field", contentType: URLENCODED, body: form([["intent", "__nope__"], ["fullName", "a".repeat(1024 * 1024)]]) },
    { name: "10,000-char fields", contentType: URLENCODED, body: everyField("Ừ".repeat(10_000), "__nope__") },
    { name: "10,000-char fields, no intent", contentType: URLENCODED, body: form(FIELDS.map((f): [string, string] => [f, "a".repeat(10_000)])) },
    { name: "duplicated fields", contentType: URLENCODED, body: `${everyField("x", "__nope__")}&${everyField("y".repeat(5000), "revoke|x")}` },
    { name: "control characters and an encoded lone surrogate", contentType: URLENCODED, body: `${everyField("\u0001\u001b[31m\u202e", "__nope__")}&fullName=%ED%A0%80` },
  ];
  for (const intent of UNKNOWN_INTENTS) bodies.push({ name: `unknown intent ${JSON.stringify(intent.slice(0, 12))}`, contentType: URLENCODED, body: everyField("x", intent) });
  // A known intent only with a NUL somewhere: the whole body must be refused.
  for (const intent of KNOWN_INTENTS) bodies.push({ name: `NUL with intent ${intent}`, contentType: URLENCODED, body: everyField("a\0b", intent) });
  return bodies;
}

/** URLs (GET) with NUL or broken escapes in a path segment or the query. */
export const HOSTILE_URLS = [
  "/courses/%00", "/courses/a%00b/lesson", "/courses?q=%00", "/courses?q=%FF", "/reports/people/%00", "/reports?unit=%00",
  "/reports/certificates?q=a%00b", "/verify/%00", "/certificates/%E0%A4", "/admin?q=%00", "/admin/staff/%00", "/%",
  "/reports/assignments/%00", "/password/set/%00", "/keys/%00.json",
];
