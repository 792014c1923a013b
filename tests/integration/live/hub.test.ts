import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "../../../db/client";
import { liveParticipants } from "../../../db/schema";
import { ActivitySchema, SessionSchema } from "../../../app/live/schemas";
import { addActivity, createSession, getTrainerSession, runSession, type TrainerSession } from "../../../app/live/sessions.server";
import { answer } from "../../../app/live/participation.server";
import { type Audience, FLUSH_MS, LiveHub } from "../../../app/live/hub.server";
import { rowsOf } from "../../../app/platform/org-scope.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { userId } from "../../support/admin";
import { withDatabase } from "../../support/pg-admin";

// The live hub (app/live/hub.server.ts): what reaches which stream, and when. The NOTIFY round trip between two
// connections and the batching of ten votes are in live.test.ts; here: the rate, who is sent what, two instances.

let handle: DbHandle;
let trainer: { id: string; roles: ["trainer"] };

beforeAll(async () => {
  handle = await createTestDb();
  trainer = { id: await userId(handle.db, await createUser(handle.db, { roles: ["trainer"] })), roles: ["trainer"] };
}, 60_000);
afterAll(async () => handle?.close());

async function pollSession(): Promise<TrainerSession> {
  const db = handle.db;
  const id = await createSession(db, trainer, SessionSchema.parse({ title: "Phiên hub", allowGuests: "on" }));
  await addActivity(db, (await getTrainerSession(db, trainer, id))!.session, ActivitySchema.parse({ kind: "poll", prompt: "Chọn", options: "A\nB" }));
  await runSession(db, trainer, (await getTrainerSession(db, trainer, id))!, { intent: "start" });
  return (await getTrainerSession(db, trainer, id))!;
}

let voter = 0;
/** A new guest's vote, stored (and notified) through `db`, as the participant's post does. */
async function vote(db: DbHandle["db"], found: TrainerSession, choice = 0) {
  voter += 1;
  const [p] = await db.insert(liveParticipants).values({ sessionId: found.session.id, nickname: `n${voter}`, guestTokenHash: `hub-${voter}` }).returning({ id: liveParticipants.id });
  const form = new FormData();
  form.set("choice", String(choice));
  const outcome = await answer(db, found.session, { id: p!.id, guest: true, nickname: null }, found.activities[0]!.id, form);
  expect(outcome.ok).toBe(true);
}

type Sent = { seq: number; at: number; audience: Audience; data: { key?: string; computedAt?: number; results?: unknown; current?: { results: { voters: number } } } };
function recorder(sent: Sent[], audience: Audience) {
  return { audience, send: (_event: string, data: unknown) => void sent.push({ seq: sent.length, at: Date.now(), audience, data: data as Sent["data"] }) };
}

/** Another connection to the test's database (another postgres.js pool); on PGlite, the same in-process database. */
async function secondHandle(): Promise<DbHandle> {
  if (handle.driver === "pglite") return handle;
  const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  return openDb({ url: withDatabase(process.env.DATABASE_URL!, row!.name), poolSize: 2 });
}

describe("batching", () => {
  it(`changes every 10 ms for 1.5 s reach the presenter at most once per ${FLUSH_MS} ms (≤ 4 a second)`, async () => {
    const found = await pollSession();
    const hub = new LiveHub(handle.priority, handle.listen);
    const sent: Sent[] = [];
    const stop = await hub.subscribe(found.session.id, recorder(sent, "presenter"));
    const started = Date.now();
    let votes = 0;
    while (Date.now() - started < 1500) {
      if (votes < 15) {
        await vote(handle.db, found);
        votes += 1;
      }
      hub.changed(found.session.id);
      await new Promise((r) => setTimeout(r, 10));
    }
    await expect.poll(() => sent.at(-1)!.data.current!.results.voters, { timeout: 5000 }).toBe(15);
    const elapsed = Date.now() - started;
    const flushes = sent.slice(1);
    expect(flushes.length).toBeGreaterThan(1);
    expect(flushes.length).toBeLessThanOrEqual(Math.ceil(elapsed / FLUSH_MS) + 1);
    // Each batch reads the rows once (computedAt: when that read began); the reads are FLUSH_MS apart or more.
    const reads = flushes.map((s) => s.data.computedAt!);
    for (let i = 1; i < reads.length; i++) expect(reads[i]! - reads[i - 1]!).toBeGreaterThanOrEqual(FLUSH_MS - 2);
    stop();
    expect(hub.roomCount).toBe(0);
  });
});

describe("who is sent what", () => {
  it("votes on a poll not yet revealed go to the presenter only; a reveal reaches the phones, the presenter first", async () => {
    const found = await pollSession();
    // The session's start is notified a moment later (coalesced, app/live/notify.server.ts): let it pass first.
    await new Promise((r) => setTimeout(r, 200));
    const hub = new LiveHub(handle.priority, handle.listen);
    const sent: Sent[] = [];
    const stops = [
      await hub.subscribe(found.session.id, recorder(sent, "presenter")),
      await hub.subscribe(found.session.id, recorder(sent, "guest")),
      await hub.subscribe(found.session.id, recorder(sent, "member")),
      await hub.subscribe(found.session.id, recorder(sent, "guest")),
    ];
    expect(sent.map((s) => s.audience)).toEqual(["presenter", "guest", "member", "guest"]);
    const phones = () => sent.filter((s) => s.audience !== "presenter");
    for (let i = 0; i < 5; i++) await vote(handle.db, found, i % 2);
    await expect.poll(() => sent.at(-1)!.audience === "presenter" && sent.at(-1)!.data.current?.results.voters, { timeout: 5000 }).toBe(5);
    // The phones' state (which activity, locked, revealed; no results before the reveal) did not change: not resent.
    expect(phones()).toHaveLength(3);
    expect(phones().every((s) => s.data.results === null)).toBe(true);

    const mark = sent.length;
    await runSession(handle.db, trainer, found, { intent: "reveal", activityId: found.activities[0]!.id });
    await expect.poll(() => phones().length, { timeout: 5000 }).toBe(6);
    const flush = sent.slice(mark);
    const firstPhone = flush.findIndex((s) => s.audience !== "presenter");
    expect(flush.findIndex((s) => s.audience === "presenter")).toBeLessThan(firstPhone);
    for (const s of flush.filter((x) => x.audience !== "presenter")) expect((s.data.results as { voters: number }).voters).toBe(5);
    for (const stop of stops) stop();
  });

  it("two instances: a vote stored through one connection reaches the presenter on one hub and the phones on the other", async () => {
    const other = await secondHandle();
    const found = await pollSession();
    await runSession(handle.db, trainer, found, { intent: "reveal", activityId: found.activities[0]!.id });
    const one = new LiveHub(handle.priority, handle.listen);
    const two = new LiveHub(other.priority, other.listen);
    const sent: Sent[] = [];
    const stops = [await one.subscribe(found.session.id, recorder(sent, "presenter")), await two.subscribe(found.session.id, recorder(sent, "guest"))];
    await vote(other.db, found);
    await vote(other.db, found, 1);
    await expect.poll(() => sent.filter((s) => s.audience === "presenter").at(-1)!.data.current!.results.voters, { timeout: 5000 }).toBe(2);
    await expect.poll(() => (sent.filter((s) => s.audience === "guest").at(-1)!.data.results as { voters: number }).voters, { timeout: 5000 }).toBe(2);
    for (const stop of stops) stop();
    if (other !== handle) await other.close();
  });
});

describe("new streams", () => {
  it("50 streams arriving at once (phones reconnecting) share one read of the rows, and each gets the state", async () => {
    const found = await pollSession();
    await new Promise((r) => setTimeout(r, 200)); // the start's notification passes first
    let selects = 0;
    const counting = new Proxy(handle.priority, {
      get(target, property, receiver) {
        if (property === "select") selects += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    const hub = new LiveHub(counting, handle.listen);
    const sent: Sent[] = [];
    const stops = await Promise.all(Array.from({ length: 50 }, (_, i) => hub.subscribe(found.session.id, recorder(sent, i % 2 ? "guest" : "member"))));
    expect(sent).toHaveLength(50);
    expect(new Set(sent.map((s) => s.data.key))).toEqual(new Set([`running:${found.activities[0]!.id}:false:false`]));
    // One read is four selects (session, activities, participant count, results); 50 separate reads would be 200.
    expect(selects).toBeLessThanOrEqual(8);
    for (const stop of stops) stop();
  });
});

describe("the priority pool", () => {
  it.skipIf(!process.env.DATABASE_URL)("the hub reads while every connection of the app's pool is taken", async () => {
    const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
    const app = await openDb({ url: withDatabase(process.env.DATABASE_URL!, row!.name), poolSize: 1 });
    const found = await pollSession();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The app pool's one connection is held by a transaction until the hub has answered.
    const busy = app.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await held;
    });
    let queued = false;
    const waiting = app.db.execute(sql`select 1`).then(() => (queued = true));
    const hub = new LiveHub(app.priority, app.listen);
    const sent: Sent[] = [];
    const stop = await hub.subscribe(found.session.id, recorder(sent, "presenter"));
    expect(sent[0]!.data.current!.results.voters).toBe(0);
    expect(queued).toBe(false); // the app pool is still taken
    release();
    await busy;
    await waiting;
    stop();
    await app.close();
  });
});
