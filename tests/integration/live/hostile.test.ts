import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { liveSessions } from "../../../db/schema";
import { ActivitySchema, SessionSchema } from "../../../app/live/schemas";
import { addActivity, createSession, getTrainerSession, runSession, type TrainerSession } from "../../../app/live/sessions.server";
import { listCourseContent } from "../../../app/content/content.server";
import { rowsOf } from "../../../app/platform/org-scope.server";
import { action as apiAction } from "../../../app/live/routes/participant-api";
import { action as pageAction, loader as pageLoader } from "../../../app/live/routes/participant";
import { loader as eventsLoader } from "../../../app/live/routes/participant-events";
import { action as trainerListAction } from "../../../app/live/routes/trainer-list";
import { action as trainerSessionAction } from "../../../app/live/routes/trainer-session";
import { action as presenterAction } from "../../../app/live/routes/presenter";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor, userId } from "../../support/admin";
import { callRoute, request } from "../../support/route";
import { hostileBodies, type HostileBody } from "../../support/hostile-corpus";

// Live workshops under bad input, against a running session with stored votes and posts (the platform-wide walk,
// tests/integration/platform/hostile-actions.test.ts, reaches these routes only with a code that names no session):
// every answer is a 4xx with a message, never a 5xx, and nothing already stored changes.

const ORIGIN = "http://localhost:3000";
const LIVE_TABLES = ["live_sessions", "live_activities", "live_participants", "live_responses", "live_posts", "live_upvotes"];

let handle: DbHandle;
let trainer: { id: string; email: string; roles: ["trainer"] };
let trainerCookie: string;
let otherTrainerCookie: string;
let adminCookie: string;
let running: TrainerSession;
let other: TrainerSession;
let guest: string;

const POLL = { kind: "poll", prompt: "Chọn một", options: "A\nB\nC" };
const WALL = { kind: "wall", prompt: "Câu hỏi" };
const WORDS = { kind: "words", prompt: "Một từ" };

async function sessionWith(activities: Record<string, string>[], settings: Record<string, string> = { allowGuests: "on" }) {
  const db = handle.db;
  const id = await createSession(db, trainer, SessionSchema.parse({ title: "Phiên thử", ...settings }));
  for (const a of activities) await addActivity(db, (await getTrainerSession(db, trainer, id))!.session, ActivitySchema.parse(a));
  await runSession(db, trainer, (await getTrainerSession(db, trainer, id))!, { intent: "start" });
  return (await getTrainerSession(db, trainer, id))!;
}

const api = (code: string, form: Record<string, string | string[]>, cookie?: string) =>
  callRoute(apiAction as never, request(`/live/${code}/api`, { form, cookie }), handle.db, { code });

function raw(path: string, body: HostileBody, cookie?: string) {
  const headers = new Headers({ origin: ORIGIN, host: "localhost:3000", "x-skillshelf-client-ip": "10.8.8.8", accept: "application/json" });
  if (body.contentType) headers.set("content-type", body.contentType);
  if (cookie) headers.set("cookie", cookie);
  return new Request(ORIGIN + path, { method: "POST", headers, body: body.body as BodyInit | undefined });
}

/** Per live table: row count and a checksum of every row. */
async function snapshot() {
  const out: Record<string, string> = {};
  for (const name of LIVE_TABLES) {
    const [row] = rowsOf<{ n: number; sum: string | null }>(
      await handle.db.execute(sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as sum from "${name}" t`)),
    );
    out[name] = `${row!.n}:${row!.sum}`;
  }
  return out;
}

beforeAll(async () => {
  handle = await createTestDb();
  const email = await createUser(handle.db, { roles: ["trainer"] });
  trainer = { id: await userId(handle.db, email), email, roles: ["trainer"] };
  trainerCookie = await cookieFor(handle.db, email);
  otherTrainerCookie = await cookieFor(handle.db, await createUser(handle.db, { roles: ["trainer"] }));
  adminCookie = await cookieFor(handle.db, await createUser(handle.db, { roles: ["admin", "trainer"] }));
  running = await sessionWith([POLL, WALL, WORDS]);
  other = await sessionWith([POLL, WALL]);
  const joined = await api(running.session.code, { intent: "join", nickname: "Khách" });
  guest = joined.headers.get("set-cookie")!.split(";")[0]!;
  // Something stored that must survive: a vote, and (on the wall, shown next) a post.
  expect((await api(running.session.code, { intent: "answer", activity: running.activities[0]!.id, choice: "1" }, guest)).status).toBe(200);
}, 60_000);
afterAll(async () => handle?.close());

describe("the hostile corpus against a running session", () => {
  it("participant api and page, as the guest and as nobody: 4xx, nothing stored changed", { timeout: 120_000 }, async () => {
    const code = running.session.code;
    const before = await snapshot();
    const failures: string[] = [];
    for (const [name, fn] of [["api", apiAction], ["page", pageAction]] as const) {
      for (const cookie of [guest, undefined]) {
        for (const body of hostileBodies()) {
          const result = await callRoute(fn as never, raw(`/live/${code}${name === "api" ? "/api" : ""}`, body, cookie), handle.db, { code });
          if (result.status < 400 || result.status >= 500) failures.push(`${name} ${cookie ? "guest" : "nobody"} ${body.name}: ${result.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("the trainer's session, presenter and list actions: 4xx, nothing stored changed", { timeout: 120_000 }, async () => {
    const id = running.session.id;
    const before = await snapshot();
    const failures: string[] = [];
    const routes = [
      [`/trainer/live/${id}`, trainerSessionAction, { id }],
      [`/trainer/live/${id}/present`, presenterAction, { id }],
      ["/trainer/live", trainerListAction, {}],
    ] as const;
    for (const [path, fn, params] of routes) {
      for (const body of hostileBodies()) {
        const result = await callRoute(fn as never, raw(path, body, trainerCookie), handle.db, params);
        if (result.status < 400 || result.status >= 500) failures.push(`${path} ${body.name}: ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("known intents with bad values", () => {
  it("NUL bytes and invalid UTF-8 in a vote, a word, a post or a nickname are refused; nothing stored", async () => {
    const code = running.session.code;
    const [poll, wall, words] = running.activities;
    const before = await snapshot();
    const bodies: HostileBody[] = [
      { name: "NUL in the choice", contentType: "application/x-www-form-urlencoded", body: `intent=answer&activity=${poll!.id}&choice=0%00` },
      { name: "NUL in a word", contentType: "application/x-www-form-urlencoded", body: `intent=answer&activity=${words!.id}&text=th%00u` },
      { name: "NUL in a post", contentType: "application/x-www-form-urlencoded", body: `intent=post&activity=${wall!.id}&body=a%00b` },
      { name: "NUL in a nickname", contentType: "application/x-www-form-urlencoded", body: "intent=join&nickname=K%00" },
      { name: "invalid UTF-8 in a post", contentType: "application/x-www-form-urlencoded", body: `intent=post&activity=${wall!.id}&body=%FF%FE%C3` },
      {
        name: "raw bytes that are not UTF-8 in a word",
        contentType: "application/x-www-form-urlencoded",
        body: new Uint8Array([...new TextEncoder().encode(`intent=answer&activity=${words!.id}&text=`), 0xff, 0xc3, 0x28]),
      },
      { name: "a post as JSON", contentType: "application/json", body: JSON.stringify({ intent: "post", activity: wall!.id, body: "Xin chào" }) },
      { name: "a 100 KB post", contentType: "application/x-www-form-urlencoded", body: `intent=post&activity=${wall!.id}&body=${"Ừ".repeat(100_000)}` },
    ];
    for (const body of bodies) {
      const result = await callRoute(apiAction as never, raw(`/live/${code}/api`, body, guest), handle.db, { code });
      expect(result.status, body.name).toBeGreaterThanOrEqual(400);
      expect(result.status, body.name).toBeLessThan(500);
      expect(typeof (result.data as { message?: unknown }).message === "string" || typeof result.data === "string", body.name).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a vote on an activity that is not the current one, or on a closed session's, is refused and the stored vote kept", async () => {
    const session = await sessionWith([POLL, POLL]);
    const [first, second] = session.activities;
    const joined = await api(session.session.code, { intent: "join", nickname: "Khách" });
    const cookie = joined.headers.get("set-cookie")!.split(";")[0]!;
    expect((await api(session.session.code, { intent: "answer", activity: first!.id, choice: "0" }, cookie)).status).toBe(200);
    const notShown = await api(session.session.code, { intent: "answer", activity: second!.id, choice: "0" }, cookie);
    expect(notShown.status).toBe(409);
    await runSession(handle.db, trainer, session, { intent: "close" });
    const before = await snapshot();
    const closed = await api(session.session.code, { intent: "answer", activity: first!.id, choice: "2" }, cookie);
    expect(closed.status).toBe(410);
    expect((closed.data as { message: string }).message).toMatch(/kết thúc/);
    expect(await snapshot()).toEqual(before);
    // The ended session's page and stream answer 410 and 404, not a 500.
    expect((await callRoute(pageLoader as never, request(`/live/${session.session.code}`, { cookie }), handle.db, { code: session.session.code })).status).toBe(410);
    expect((await callRoute(eventsLoader as never, request(`/live/${session.session.code}/events`, { cookie }), handle.db, { code: session.session.code })).status).toBe(404);
  });

  it("wrong codes in every shape are 404 on the page, the api and the stream", async () => {
    for (const code of ["ZZZZZZ", "abc", "ABCDEFG", "%00", "AB\u0000CDE", "ẮÂĐƠƯỄ", "x".repeat(500)]) {
      expect((await api(code, { intent: "join", nickname: "x" })).status, code).toBe(404);
      expect((await callRoute(pageLoader as never, request(`/live/x`), handle.db, { code })).status, code).toBe(404);
      expect((await callRoute(eventsLoader as never, request(`/live/x/events`), handle.db, { code })).status, code).toBe(404);
    }
  });

  it("20 posts at once by one guest: 3 stored (the guest's limit), the others 429", async () => {
    const session = await sessionWith([WALL]);
    const joined = await api(session.session.code, { intent: "join", nickname: "Khách" });
    const cookie = joined.headers.get("set-cookie")!.split(";")[0]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api(session.session.code, { intent: "post", activity: session.activities[0]!.id, body: `Câu hỏi ${i}` }, cookie)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from live_posts where activity_id = ${session.activities[0]!.id}`));
    expect(row!.n).toBe(3);
  });
});

describe("ids of another session", () => {
  it("a guest's upvote of another session's post, a trainer's command on another session's activity or post: 404, nothing changed", async () => {
    const otherGuest = (await api(other.session.code, { intent: "join", nickname: "Khách khác" })).headers.get("set-cookie")!.split(";")[0]!;
    await runSession(handle.db, trainer, other, { intent: "show", activityId: other.activities[1]!.id });
    expect((await api(other.session.code, { intent: "post", activity: other.activities[1]!.id, body: "Bài ở phiên kia" }, otherGuest)).status).toBe(200);
    const [post] = rowsOf<{ id: string }>(await handle.db.execute(sql`select id from live_posts where activity_id = ${other.activities[1]!.id}`));
    const before = await snapshot();
    expect((await api(running.session.code, { intent: "upvote", post: post!.id }, guest)).status).toBe(404);
    const trainerPost = (path: string, form: Record<string, string>, cookie = trainerCookie) =>
      callRoute(trainerSessionAction as never, request(path, { form, cookie }), handle.db, { id: running.session.id });
    const path = `/trainer/live/${running.session.id}`;
    for (const form of <Record<string, string>[]>[
      { intent: "lock", activity: other.activities[0]!.id },
      { intent: "show", activity: other.activities[0]!.id },
      { intent: "delete-activity", activity: other.activities[0]!.id },
      { intent: "moderate", post: post!.id, action: "hide" },
    ]) {
      const result = await trainerPost(path, form);
      expect(result.status, JSON.stringify(form)).toBe(404);
    }
    // Another trainer cannot reach this session at all.
    expect((await trainerPost(path, { intent: "close" }, otherTrainerCookie)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe("linking a session to a course", () => {
  const course = () => listCourseContent()[0]!;

  it("a course the trainer does not look after, or no such course, is a 400 on create and on settings; nothing stored", async () => {
    expect(course().owners).not.toContain(trainer.email);
    const count = async () => rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from live_sessions`))[0]!.n;
    const sessions = await count();
    for (const courseSlug of [course().slug, "khong-co-khoa-nay"]) {
      const created = await callRoute(trainerListAction as never, request("/trainer/live", { form: { intent: "create", title: "Gắn khóa", courseSlug }, cookie: trainerCookie }), handle.db);
      expect(created.status, courseSlug).toBe(400);
      expect(JSON.stringify(created.data)).toContain("live.errors.courseNotLinkable");
      const settings = await callRoute(
        trainerSessionAction as never,
        request(`/trainer/live/${running.session.id}`, { form: { intent: "settings", title: "Đổi tên", courseSlug, allowGuests: "on" }, cookie: trainerCookie }),
        handle.db,
        { id: running.session.id },
      );
      expect(settings.status, courseSlug).toBe(400);
    }
    expect(await count()).toBe(sessions);
    const [row] = await handle.db.select({ title: liveSessions.title, courseSlug: liveSessions.courseSlug }).from(liveSessions).where(eq(liveSessions.id, running.session.id));
    expect(row).toEqual({ title: "Phiên thử", courseSlug: null });
  });

  it("an admin may link any course", async () => {
    const created = await callRoute(trainerListAction as never, request("/trainer/live", { form: { intent: "create", title: "Gắn khóa", courseSlug: course().slug }, cookie: adminCookie }), handle.db);
    expect(created.status).toBe(303);
    const id = /\/trainer\/live\/([0-9a-f-]{36})/.exec(created.location ?? "")![1]!;
    const [row] = await handle.db.select({ courseSlug: liveSessions.courseSlug }).from(liveSessions).where(eq(liveSessions.id, id));
    expect(row!.courseSlug).toBe(course().slug);
  });
});
