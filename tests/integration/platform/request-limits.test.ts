import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import * as loginRoute from "../../../app/accounts/routes/login";
import * as importRoute from "../../../app/people/routes/import";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor, uploadRequest } from "../../support/admin";
import { callRoute } from "../../support/route";

// Every form post is bounded while it streams (64 KB by default): an endless body is refused after reading a
// little of it, in the reader's language, and the staff import keeps its own 5 MB.
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await seedOrg(handle.db);
});
afterAll(async () => handle?.close());

/** A body that never ends; counts how many 64 KB chunks anybody asked for. */
function endlessBody() {
  const chunk = new TextEncoder().encode(`email=${"a".repeat(64 * 1024)}`);
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled += 1;
      controller.enqueue(chunk);
    },
  });
  return { body, counter };
}

const post = (headers: Record<string, string>, body: BodyInit | ReadableStream) =>
  new Request("http://localhost:3000/login", {
    method: "POST",
    headers: { origin: "http://localhost:3000", host: "localhost:3000", ...headers },
    body: body as BodyInit,
    duplex: "half",
  } as RequestInit);

it("an endless signed-out POST to /login is a 413 after a few chunks, never buffered", async () => {
  const { body, counter } = endlessBody();
  const started = performance.now();
  const result = await callRoute(loginRoute.action as never, post({ "content-type": "application/x-www-form-urlencoded", "accept-language": "en" }, body), handle.db);
  expect(result.status).toBe(413);
  expect(String(result.data)).toContain("at most 64 KB");
  expect(result.headers.get("content-language")).toBe("en");
  expect(counter.pulled).toBeLessThan(8);
  expect(performance.now() - started).toBeLessThan(2_000);
});

it("a declared 100 MB body is refused before a byte is read, in Vietnamese by default", async () => {
  const { body, counter } = endlessBody();
  const result = await callRoute(loginRoute.action as never, post({ "content-type": "application/x-www-form-urlencoded", "content-length": String(100 * 1024 * 1024) }, body), handle.db);
  expect(result.status).toBe(413);
  expect(String(result.data)).toContain("tối đa 64 KB");
  expect(counter.pulled).toBeLessThanOrEqual(1);
});

it("a form just under the limit still reaches the action", async () => {
  const result = await callRoute(loginRoute.action as never, post({ "content-type": "application/x-www-form-urlencoded" }, `email=x%40y.vn&password=${"p".repeat(60 * 1024)}`), handle.db);
  expect(result.status).toBe(400);
  expect(JSON.stringify(result.data)).not.toContain("64 KB");
});

it("the staff import still accepts a 4 MB CSV", { timeout: 60_000 }, async () => {
  const cookie = await cookieFor(handle.db, await createUser(handle.db, { roles: ["admin"] }));
  const title = "Thủ thư ".repeat(24).trim();
  const lines = ["email,full name,org unit code,job title"];
  let bytes = 0;
  for (let i = 0; bytes < 4 * 1024 * 1024; i++) {
    const line = `big${i}@thuvien.vn,Người Số ${i},LS-PV,${title} ${i}`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  const csv = `${lines.join("\n")}\n`;
  expect(Buffer.byteLength(csv)).toBeGreaterThan(4 * 1024 * 1024);
  expect(lines.length - 1).toBeLessThan(20_000);
  const result = await callRoute(importRoute.action as never, uploadRequest("/admin/import", { name: "big.csv", content: csv }, cookie), handle.db);
  expect(result.status).toBe(200);
  expect((result.data as { preview: { summary: { new: number } } }).preview.summary.new).toBe(lines.length - 1);
});
