import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "../../../db/client";
import { notify } from "../../../db/pubsub";
import { auditEvents, liveParticipants, livePosts, liveResponses, liveSessions } from "../../../db/schema";
import { ActivitySchema, SessionSchema } from "../../../app/live/schemas";
import { addActivity, createSession, getTrainerSession, runSession, type TrainerSession } from "../../../app/live/sessions.server";
import { memberParticipant, sessionByCode } from "../../../app/live/participation.server";
import { moderatePost } from "../../../app/live/moderation.server";
import { participantBroadcast } from "../../../app/live/state.server";
import { LiveHub } from "../../../app/live/hub.server";
import { rowsOf } from "../../../app/platform/org-scope.server";
import { action as apiAction } from "../../../app/live/routes/participant-api";
import { action as pageAction } from "../../../app/live/routes/participant";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor, userId } from "../../support/admin";
import { callRoute, request } from "../../support/route";
import { withDatabase } from "../../support/pg-admin";

let handle: DbHandle;
let trainer: { id: string; roles: ["trainer"] };
let memberCookie: string;
let memberId: string;

beforeAll(async () => {
  handle = await createTestDb();
  const email = await createUser(handle.db, { roles: ["trainer"] });
  trainer = { id: await userId(handle.db, email), roles: ["trainer"] };
  const learner = await createUser(handle.db, { fullName: "Phạm Minh Châu" });
  memberCookie = await cookieFor(handle.db, learner);
  memberId = await userId(handle.db, learner);
}, 60_000);
afterAll(async () => handle?.close());

/** A running session with the given activities (the first one shown). */
async function runningSession(activities: Record<string, string>[], settings: Record<string, string> = { allowGuests: "on" }) {
  const db = handle.db;
  const id = await createSession(db, trainer, SessionSchema.parse({ title: "Phiên thử", ...settings }));
  for (const a of activities) await addActivity(db, (await getTrainerSession(db, trainer, id))!.session, ActivitySchema.parse(a));
  await runSession(db, trainer, (await getTrainerSession(db, trainer, id))!, { intent: "start" });
  return (await getTrainerSession(db, trainer, id))! as TrainerSession;
}

const POLL = { kind: "poll", prompt: "Chọn một", options: "A\nB\nC" };
const WALL = { kind: "wall", prompt: "Câu hỏi" };

async function api(code: string, form: Record<string, string | string[]>, cookie?: string) {
  return callRoute(apiAction as never, request(`/live/${code}/api`, { form, cookie }), handle.db, { code });
}
async function joinGuest(code: string, nickname = "Khách") {
  const result = await api(code, { intent: "join", nickname });
  expect(result.status).toBe(200);
  return result.headers.get("set-cookie")!.split(";")[0]!;
}
const count = async (table: typeof liveResponses | typeof livePosts, where: ReturnType<typeof eq>) =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;

describe("one vote per participant per poll", () => {
  it("20 concurrent votes by one participant leave one row; 20 participants leave 20", async () => {
    const { session, activities } = await runningSession([POLL]);
    const poll = activities[0]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api(session.code, { intent: "answer", activity: poll.id, choice: String(i % 3) }, memberCookie)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await count(liveResponses, eq(liveResponses.activityId, poll.id))).toBe(1);

    const guests = await Promise.all(Array.from({ length: 20 }, (_, i) => joinGuest(session.code, `Khách ${i}`)));
    const votes = await Promise.all(guests.map((cookie) => api(session.code, { intent: "answer", activity: poll.id, choice: "1" }, cookie)));
    expect(votes.map((v) => v.status)).toEqual(Array(20).fill(200));
    expect(await count(liveResponses, eq(liveResponses.activityId, poll.id))).toBe(21);
    const broadcast = await participantBroadcast(handle.db, session.id, true);
    expect(broadcast!.results).toBeNull(); // not revealed yet
    await runSession(handle.db, trainer, { session, activities }, { intent: "reveal", activityId: poll.id });
    const revealed = await participantBroadcast(handle.db, session.id, true);
    const counts = (revealed!.results as { counts: number[] }).counts;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(21);
    expect(counts[1]).toBeGreaterThanOrEqual(20);
  });

  it("a vote on a locked activity is refused with 409 and the stored vote is kept; a changed vote replaces it before", async () => {
    const { session, activities } = await runningSession([POLL]);
    const poll = activities[0]!;
    const guest = await joinGuest(session.code);
    expect((await api(session.code, { intent: "answer", activity: poll.id, choice: "0" }, guest)).status).toBe(200);
    expect((await api(session.code, { intent: "answer", activity: poll.id, choice: "2" }, guest)).status).toBe(200);
    await runSession(handle.db, trainer, { session, activities }, { intent: "lock", activityId: poll.id });
    const locked = await api(session.code, { intent: "answer", activity: poll.id, choice: "1" }, guest);
    expect(locked.status).toBe(409);
    expect((locked.data as { message: string }).message).toMatch(/khóa/);
    const rows = await handle.db.select({ choices: liveResponses.choices }).from(liveResponses).where(eq(liveResponses.activityId, poll.id));
    expect(rows).toEqual([{ choices: [2] }]);
  });

  it("bad choices, another session's activity and unknown intents are 4xx and store nothing", async () => {
    const one = await runningSession([POLL]);
    const two = await runningSession([POLL]);
    const guest = await joinGuest(one.session.code);
    for (const form of <Record<string, string | string[]>[]>[
      { intent: "answer", activity: one.activities[0]!.id, choice: "7" },
      { intent: "answer", activity: one.activities[0]!.id, choice: ["0", "1"] },
      { intent: "answer", activity: one.activities[0]!.id },
      { intent: "answer", activity: two.activities[0]!.id, choice: "0" },
      { intent: "answer", activity: "not-a-uuid", choice: "0" },
      { intent: "steal" },
    ]) {
      const result = await api(one.session.code, form, guest);
      expect(result.status, JSON.stringify(form)).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
    }
    expect(await count(liveResponses, eq(liveResponses.activityId, one.activities[0]!.id))).toBe(0);
    expect(await count(liveResponses, eq(liveResponses.activityId, two.activities[0]!.id))).toBe(0);
  });
});

describe("codes and session state", () => {
  it("a wrong code is 404, an ended session 410, a session not started 409", async () => {
    expect((await api("ZZZZZZ", { intent: "join", nickname: "x" })).status).toBe(404);
    expect((await api("bad", { intent: "join", nickname: "x" })).status).toBe(404);
    const { session, activities } = await runningSession([POLL]);
    const guest = await joinGuest(session.code);
    await runSession(handle.db, trainer, { session, activities }, { intent: "close" });
    expect((await api(session.code, { intent: "answer", activity: activities[0]!.id, choice: "0" }, guest)).status).toBe(410);
    const draft = await createSession(handle.db, trainer, SessionSchema.parse({ title: "Nháp", allowGuests: "on" }));
    const [row] = await handle.db.select({ code: liveSessions.code }).from(liveSessions).where(eq(liveSessions.id, draft));
    expect((await api(row!.code, { intent: "join", nickname: "x" })).status).toBe(409);
  });

  it("without JavaScript the page's action redirects after a vote and answers an error with its status", async () => {
    const { session, activities } = await runningSession([POLL]);
    const guest = await joinGuest(session.code);
    const page = (form: Record<string, string>) => callRoute(pageAction as never, request(`/live/${session.code}`, { form, cookie: guest }), handle.db, { code: session.code });
    const ok = await page({ intent: "answer", activity: activities[0]!.id, choice: "1" });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/live/${session.code}?done=live.voted`);
    const bad = await page({ intent: "answer", activity: activities[0]!.id, choice: "9" });
    expect(bad.status).toBe(400);
  });
});

describe("guests", () => {
  it("a guest cannot take part in a members-only session; a member can", async () => {
    const { session, activities } = await runningSession([POLL], {});
    const join = await api(session.code, { intent: "join", nickname: "Khách" });
    expect(join.status).toBe(403);
    expect(join.headers.get("set-cookie")).toBeNull();
    expect((await api(session.code, { intent: "answer", activity: activities[0]!.id, choice: "0" })).status).toBe(403);
    expect((await api(session.code, { intent: "answer", activity: activities[0]!.id, choice: "0" }, memberCookie)).status).toBe(200);
    const [row] = await handle.db.select().from(liveParticipants).where(eq(liveParticipants.sessionId, session.id));
    expect(row!.userId).toBe(memberId);
  });

  it("a guest's posts are limited (3 a minute), links refused unless allowed, oversize posts 413; what was stored stays", async () => {
    const { session, activities } = await runningSession([WALL]);
    const wall = activities[0]!.id;
    const guest = await joinGuest(session.code);
    const postAs = (body: string, cookie = guest) => api(session.code, { intent: "post", activity: wall, body }, cookie);
    expect((await postAs("Xem https://example.com")).status).toBe(400);
    expect((await postAs("x".repeat(281))).status).toBe(413);
    expect((await postAs("   ")).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await postAs(`Câu hỏi ${i}`)).status).toBe(200);
    const flood = await postAs("Câu hỏi nữa");
    expect(flood.status).toBe(429);
    expect((flood.data as { message: string }).message).toMatch(/giây/);
    expect(await count(livePosts, eq(livePosts.activityId, wall))).toBe(3);
    // A member is not held to the guest's limit, and may post links.
    for (let i = 0; i < 4; i++) expect((await postAs(`Thành viên ${i} www.thuvien.vn`, memberCookie)).status).toBe(200);
    expect(await count(livePosts, eq(livePosts.activityId, wall))).toBe(7);
  });

  it("guests never see names on the wall; members see them only when the trainer shows names", async () => {
    const { session, activities } = await runningSession([WALL], { allowGuests: "on", showNames: "on" });
    const member = await memberParticipant(handle.db, session.id, memberId);
    await handle.db.insert(livePosts).values({ activityId: activities[0]!.id, participantId: member.id, body: "Xin chào" });
    const asGuest = await participantBroadcast(handle.db, session.id, true);
    const asMember = await participantBroadcast(handle.db, session.id, false);
    expect((asGuest!.results as { posts: { author: string | null }[] }).posts[0]!.author).toBeNull();
    expect((asMember!.results as { posts: { author: string | null }[] }).posts[0]!.author).toBe("Phạm Minh Châu");
  });
});

describe("moderation", () => {
  it("hiding takes a post off the participants' wall and is audited; another session's post is not found", async () => {
    const { session, activities } = await runningSession([WALL]);
    const other = await runningSession([WALL]);
    const guest = await joinGuest(session.code);
    await api(session.code, { intent: "post", activity: activities[0]!.id, body: "Nội dung không phù hợp" }, guest);
    const [post] = await handle.db.select({ id: livePosts.id }).from(livePosts).where(eq(livePosts.activityId, activities[0]!.id));
    expect(await moderatePost(handle.db, trainer, other.session.id, post!.id, "hide")).toBe(false);
    expect(await moderatePost(handle.db, trainer, session.id, post!.id, "hide")).toBe(true);
    const broadcast = await participantBroadcast(handle.db, session.id, true);
    expect((broadcast!.results as { posts: unknown[] }).posts).toHaveLength(0);
    expect(await moderatePost(handle.db, trainer, session.id, post!.id, "answer", "Đã xử lý")).toBe(true);
    const [stored] = await handle.db.select().from(livePosts).where(eq(livePosts.id, post!.id));
    expect(stored).toMatchObject({ hidden: true, answered: true, answer: "Đã xử lý" });
    const audits = await handle.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.targetType, "live_post"), eq(auditEvents.targetId, post!.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["live.post.answer", "live.post.hide"]);
    // An upvote on a hidden post is not found.
    expect((await api(session.code, { intent: "upvote", post: post!.id }, guest)).status).toBe(404);
  });
});

describe("LISTEN/NOTIFY", () => {
  /** A second connection to the same database: another postgres.js pool on PostgreSQL; on PGlite the same instance. */
  async function secondHandle(): Promise<DbHandle> {
    if (handle.driver === "pglite") return handle;
    const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
    return openDb({ url: withDatabase(process.env.DATABASE_URL!, row!.name), poolSize: 2 });
  }

  it("a notification sent on one connection reaches a listener on another, and only after commit", async () => {
    const other = await secondHandle();
    const heard: string[] = [];
    const unlisten = await handle.listen("live_test", (payload) => heard.push(payload));
    await notify(other.db, "live_test", "one");
    await other.db.transaction(async (tx) => {
      await notify(tx, "live_test", "rolled-back");
      tx.rollback();
    }).catch(() => {});
    await notify(other.db, "live_test", "two");
    await expect.poll(() => heard, { timeout: 5000 }).toEqual(["one", "two"]);
    await unlisten();
    if (other !== handle) await other.close();
  });

  it("a presenter subscribed through one connection sees a vote stored through another, batched", async () => {
    const other = await secondHandle();
    const hub = new LiveHub(handle.db, handle.listen);
    const { session, activities } = await runningSession([POLL]);
    const states: { current: { results: { voters: number } } | null }[] = [];
    const stop = await hub.subscribe(session.id, { audience: "presenter", send: (_e, data) => states.push(data as never) });
    expect(states[0]!.current!.results.voters).toBe(0);
    const found = (await sessionByCode(other.db, session.code))!;
    const { answer } = await import("../../../app/live/participation.server");
    for (let i = 0; i < 10; i++) {
      const [p] = await other.db.insert(liveParticipants).values({ sessionId: found.id, nickname: `n${i}`, guestTokenHash: `t${i}` }).returning({ id: liveParticipants.id });
      const form = new FormData();
      form.set("choice", "0");
      await answer(other.db, found, { id: p!.id, guest: false, nickname: null }, activities[0]!.id, form);
    }
    await expect.poll(() => states.at(-1)!.current!.results.voters, { timeout: 5000 }).toBe(10);
    // Ten votes in quick succession are far fewer than ten messages (at most one per 250 ms after the first).
    expect(states.length).toBeLessThan(10);
    stop();
    if (other !== handle) await other.close();
  });
});
