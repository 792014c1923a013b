import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { outboxMessages } from "../../../db/schema";
import * as forgotRoute from "../../../app/accounts/routes/password-forgot";
import { missingAppUrlWarning, trustedOrigin } from "../../../app/platform/request-origin.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { callRoute } from "../../support/route";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

// The request the server builds when a client sends this Host (the express adapter takes the URL's host from it).
function forgot(host: string, email: string, ip: string) {
  const origin = `http://${host}`;
  return new Request(`${origin}/password/forgot`, {
    method: "POST",
    headers: { host, origin, "x-skillshelf-client-ip": ip, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email }),
  });
}

const mailsTo = (email: string) => handle.db.select().from(outboxMessages).where(eq(outboxMessages.to, email));

test("a password reset asked with a foreign Host answers 400 and sends nothing", async () => {
  const email = await createUser(handle.db);
  for (const host of ["evil.example", "evil.example:3000", "localhost.evil.example", "127.0.0.1.nip.io"]) {
    const result = await callRoute(forgotRoute.action, forgot(host, email, "10.40.0.1"), handle.db);
    expect(result.status, host).toBe(400);
    expect(result.data).toMatchObject({ reason: "unknown-host" });
  }
  expect(await mailsTo(email)).toHaveLength(0);
});

test("with an allowed Host the email link uses that trusted origin", async () => {
  const email = await createUser(handle.db);
  const result = await callRoute(forgotRoute.action, forgot("localhost:3410", email, "10.40.0.2"), handle.db);
  expect(result.status).toBe(200);
  const [mail] = await mailsTo(email);
  expect(mail!.text).toMatch(/http:\/\/localhost:3410\/password\/set\/[A-Za-z0-9_-]{43}/);
  expect(mail!.text).not.toContain("evil");
});

test("the allow-list: APP_URL wins over any Host; ALLOWED_HOSTS replaces the defaults", () => {
  const req = (url: string) => new Request(url);
  const none = { APP_URL: undefined, ALLOWED_HOSTS: undefined };
  expect(trustedOrigin(req("http://localhost:3000/x"), none)).toBe("http://localhost:3000");
  expect(trustedOrigin(req("http://127.0.0.1:8080/x"), none)).toBe("http://127.0.0.1:8080");
  expect(trustedOrigin(req("http://[::1]:3000/x"), none)).toBe("http://[::1]:3000");
  expect(trustedOrigin(req("http://evil.example/x"), none)).toBeNull();
  expect(trustedOrigin(req("http://evil.example/x"), { APP_URL: "https://skillshelf.example.vn/", ALLOWED_HOSTS: undefined })).toBe(
    "https://skillshelf.example.vn",
  );
  const listed = { APP_URL: undefined, ALLOWED_HOSTS: ["hoc.thuvien.vn", "intranet:8080"] };
  expect(trustedOrigin(req("https://HOC.thuvien.vn/x"), listed)).toBe("https://hoc.thuvien.vn");
  expect(trustedOrigin(req("http://intranet:3000/x"), listed)).toBe("http://intranet:3000");
  expect(trustedOrigin(req("http://localhost:3000/x"), listed)).toBeNull();
});

test("production without APP_URL warns at start unless it only listens on loopback", () => {
  expect(missingAppUrlWarning({ NODE_ENV: "production", APP_URL: undefined, HOST: "0.0.0.0" })).toMatch(/APP_URL is not set/);
  expect(missingAppUrlWarning({ NODE_ENV: "production", APP_URL: undefined, HOST: "127.0.0.1" })).toBeNull();
  expect(missingAppUrlWarning({ NODE_ENV: "production", APP_URL: "https://a.vn", HOST: "0.0.0.0" })).toBeNull();
  expect(missingAppUrlWarning({ NODE_ENV: "development", APP_URL: undefined, HOST: "0.0.0.0" })).toBeNull();
});
