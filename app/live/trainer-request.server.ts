import { data } from "react-router";
import type { RouterContextProvider } from "react-router";
import { getDb, requireRole } from "~/platform/auth.server";
import { getTrainerSession } from "./sessions.server";
import { uuidParam } from "./schemas";

type Args = { request: Request; context: Readonly<RouterContextProvider>; params: { id?: string } };

/** A trainer's page about one of their sessions: another trainer's session, or no session, is the same 404. */
export async function trainerSessionRequest(args: Args) {
  const user = requireRole(args, "trainer");
  const db = getDb(args.context);
  const id = uuidParam.safeParse(args.params.id);
  const found = id.success ? await getTrainerSession(db, user, id.data) : null;
  if (!found) throw data({ message: "live.errors.noSession" }, { status: 404 });
  return { user, db, found };
}
