import type { RouterContextProvider } from "react-router";
import { clientIp, getDb, getUser } from "~/platform/auth.server";
import { isSecureRequest } from "~/platform/session.server";
import { normaliseCode } from "./code";
import {
  type LiveSession,
  type Outcome,
  type Participant,
  answer,
  findParticipant,
  joinAsGuest,
  memberParticipant,
  post,
  sessionByCode,
  sessionClosedReason,
  upvote,
} from "./participation.server";
import { uuidParam } from "./schemas";

/** The guest's token: one random value per browser, kept in a cookie only the /live pages receive. */
export const GUEST_COOKIE = "live_guest";

export function guestToken(request: Request) {
  const cookie = request.headers.get("cookie") ?? "";
  const match = cookie.match(/(?:^|;\s*)live_guest=([A-Za-z0-9_-]{20,64})(?:;|$)/);
  return match?.[1] ?? null;
}

function guestCookie(token: string, request: Request) {
  return [`${GUEST_COOKIE}=${token}`, "HttpOnly", "SameSite=Lax", "Path=/live", `Max-Age=${60 * 60 * 24 * 30}`, isSecureRequest(request) ? "Secure" : null]
    .filter(Boolean)
    .join("; ");
}

type Args = { request: Request; context: Readonly<RouterContextProvider>; params: { code?: string } };

/** The session a /live/:code URL names, or the outcome that says why there is none (404 for a wrong code). */
export async function liveRequest(args: Args) {
  const code = normaliseCode(args.params.code ?? "");
  const db = getDb(args.context);
  const session = code ? await sessionByCode(db, code) : null;
  const user = getUser(args.context);
  const token = guestToken(args.request);
  const participant = session ? await findParticipant(db, session.id, { userId: user?.id ?? null, guestToken: user ? null : token }) : null;
  return { db, session, user, token, participant };
}

const refuse = (status: number, message: string, params?: Record<string, unknown>): Outcome => ({ ok: false, status, message, params });

/**
 * A participant's form post, with or without JavaScript (the page's action and /live/:code/api both come here):
 * join (a guest's nickname), answer, post, upvote. Returns the outcome, and the cookie to set when a guest joined.
 */
export async function handleParticipantPost(args: Args): Promise<{ outcome: Outcome; setCookie?: string; session: LiveSession | null }> {
  const { db, session, user, token, participant } = await liveRequest(args);
  if (!session) return { outcome: refuse(404, "live.errors.unknownCode"), session };
  const closed = sessionClosedReason(session);
  if (closed) return { outcome: closed, session };
  const form = await args.request.formData();
  const intent = form.get("intent");
  if (intent === "join") {
    if (user) return { outcome: { ok: true, status: 200, message: "live.joined" }, session };
    const newToken = token ?? Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");
    const outcome = await joinAsGuest(db, session, { token: newToken, nickname: form.get("nickname"), ip: clientIp(args.request) });
    return { outcome, session, setCookie: outcome.ok && newToken !== token ? guestCookie(newToken, args.request) : undefined };
  }
  if (intent !== "answer" && intent !== "post" && intent !== "upvote") return { outcome: refuse(400, "live.errors.unknownIntent"), session };
  let who: Participant | null = participant;
  if (user && !who) who = await memberParticipant(db, session.id, user.id);
  if (!who) return { outcome: refuse(session.allowGuests ? 401 : 403, session.allowGuests ? "live.errors.joinFirst" : "live.errors.membersOnly"), session };
  const id = uuidParam.safeParse(form.get(intent === "upvote" ? "post" : "activity"));
  if (!id.success) return { outcome: refuse(400, intent === "upvote" ? "live.errors.noPost" : "live.errors.noActivity"), session };
  const outcome =
    intent === "answer"
      ? await answer(db, session, who, id.data, form)
      : intent === "post"
        ? await post(db, session, who, id.data, form)
        : await upvote(db, session, who, id.data);
  return { outcome, session };
}
