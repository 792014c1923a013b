import type { Db } from "../../db/client";
import { getDbHandle } from "~/platform/db.server";
import { type Listen, createChannelHub } from "~/platform/pubsub.server";
import { LIVE_CHANNEL } from "./notify.server";
import { type SessionStates, sessionStates } from "./state.server";

/**
 * The live hub of one app instance: the open event streams (presenters and participants) of each session, fed by
 * the "live" NOTIFY channel, so a vote stored by any instance reaches the streams of every instance. Updates are
 * batched: at most every FLUSH_MS a session's rows are read once (sessionStates: one read for every audience and
 * every stream), the presenters are sent theirs first, and the phones only when what they may see changed — 300
 * votes in a second are four messages to the presenter and none to a phone until results are shown. The reads go
 * through the database's priority pool, so they do not queue behind the votes they report.
 */
export const FLUSH_MS = 250;

export type Audience = "presenter" | "member" | "guest";
export type Subscriber = { audience: Audience; send: (event: string, data: unknown) => void };

type Room = {
  subscribers: Set<Subscriber>;
  timer: NodeJS.Timeout | null;
  lastFlush: number;
  flushing: boolean;
  dirty: boolean;
  /** What the members and the guests were last sent (JSON), so an unchanged state is not sent again. */
  lastSent: Map<Audience, string>;
  /** Counts the notifications: a read begun at the current version is still the latest state. */
  version: number;
  /** The read in flight for new streams, shared by all that arrive meanwhile (300 phones reconnecting: one read). */
  reading: { version: number; states: Promise<SessionStates | null> } | null;
};

export class LiveHub {
  private rooms = new Map<string, Room>();
  private channel;
  private unlisten: Promise<() => void> | null = null;

  constructor(
    private readonly db: Db,
    listen: Listen,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.channel = createChannelHub(listen);
  }

  /** Adds a stream to a session's room and sends it the current state at once (a reconnect resumes from the rows). */
  async subscribe(sessionId: string, subscriber: Subscriber) {
    this.unlisten ??= this.channel.subscribe(LIVE_CHANNEL, (payload) => this.changed(payload));
    await this.unlisten;
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = { subscribers: new Set(), timer: null, lastFlush: 0, flushing: false, dirty: false, lastSent: new Map(), version: 0, reading: null };
      this.rooms.set(sessionId, room);
    }
    room.subscribers.add(subscriber);
    const states = await this.read(sessionId, room);
    if (states) {
      subscriber.send("state", states[subscriber.audience]);
      // The room's first phone of its kind: what it holds is what a flush compares with.
      if (subscriber.audience !== "presenter" && !room.lastSent.has(subscriber.audience)) room.lastSent.set(subscriber.audience, JSON.stringify(states[subscriber.audience]));
    }
    const joined = room;
    return () => {
      joined.subscribers.delete(subscriber);
      if (joined.subscribers.size === 0 && this.rooms.get(sessionId) === joined) {
        if (joined.timer) clearTimeout(joined.timer);
        this.rooms.delete(sessionId);
      }
    };
  }

  /** The session's current state for a new stream: the read in flight if nothing changed since it began, else a new one. */
  private read(sessionId: string, room: Room) {
    if (room.reading?.version !== room.version) {
      const reading = { version: room.version, states: sessionStates(this.db, sessionId) };
      room.reading = reading;
      void reading.states.finally(() => {
        if (room.reading === reading) room.reading = null;
      }).catch(() => {});
    }
    return room.reading!.states;
  }

  /** A notification: the session changed somewhere. Flushed now if the last flush is old enough, else soon. */
  changed(sessionId: string) {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    room.version += 1;
    if (room.flushing) {
      room.dirty = true;
      return;
    }
    if (room.timer) return;
    const wait = Math.max(0, room.lastFlush + FLUSH_MS - Date.now());
    room.timer = setTimeout(() => void this.flush(sessionId, room), wait);
  }

  private async flush(sessionId: string, room: Room) {
    room.timer = null;
    room.flushing = true;
    room.dirty = false;
    room.lastFlush = Date.now();
    try {
      const states = await sessionStates(this.db, sessionId);
      if (!states) return;
      for (const subscriber of room.subscribers) if (subscriber.audience === "presenter") subscriber.send("state", states.presenter);
      for (const audience of ["member", "guest"] as const) {
        const json = JSON.stringify(states[audience]);
        if (room.lastSent.get(audience) === json) continue;
        room.lastSent.set(audience, json);
        for (const subscriber of room.subscribers) if (subscriber.audience === audience) subscriber.send("state", states[audience]);
      }
    } catch (error) {
      this.onError(error);
    } finally {
      room.flushing = false;
      if (room.dirty && this.rooms.get(sessionId) === room) this.changed(sessionId);
    }
  }

  get roomCount() {
    return this.rooms.size;
  }
}

let hub: Promise<LiveHub> | null = null;

/** This instance's hub on the app's database (its priority pool), made on first use. */
export function getLiveHub() {
  hub ??= getDbHandle().then((handle) => new LiveHub(handle.priority, handle.listen));
  return hub;
}

const KEEP_ALIVE_MS = 20_000;
const encoder = new TextEncoder();

/**
 * A Server-Sent Events response: each event is written as it happens (server.js does not compress event streams,
 * so nothing holds them back), with a comment every 20 s so proxies and NAT boxes keep the connection open. The
 * stream ends when the client goes away (the request's signal).
 */
export function eventStream(request: Request, start: (send: Subscriber["send"]) => Promise<() => void>) {
  let stop: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  const finish = () => {
    if (timer) clearInterval(timer);
    timer = null;
    stop?.();
    stop = null;
  };
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      // A reconnecting browser waits 3 s, so a restarted server is not hammered.
      write("retry: 3000\n\n");
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      timer = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
      request.signal.addEventListener("abort", () => {
        finish();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
      stop = await start(send);
      if (request.signal.aborted) finish();
    },
    cancel: finish,
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}
