import type { Db } from "../../db/client";
import type { LiveSession, Participant } from "./participation.server";
import { activityResults, participantOwn, publicActivity, sessionWithActivities } from "./state.server";

/** Everything the participant's page shows: the current activity, their own answer, what results they may see. */
export async function participantPage(db: Db, session: LiveSession, participant: Participant | null, signedIn: boolean) {
  const found = await sessionWithActivities(db, session.id);
  const current = found?.activities.find((a) => a.id === found.session.currentActivityId) ?? null;
  const key = `${session.status}:${current?.id ?? "-"}:${current?.locked ?? ""}:${current?.revealed ?? ""}`;
  const canAct = session.status === "running" && (participant !== null || signedIn);
  const guest = participant?.guest ?? !signedIn;
  const visible = current && (current.kind === "wall" || current.revealed);
  return {
    key,
    current: current ? publicActivity(current) : null,
    own: participant && current ? await participantOwn(db, participant.id, current) : { answer: null, upvoted: [] as string[] },
    results: visible ? await activityResults(db, current, { names: session.showNames && !guest, hidden: false }) : null,
    canAct,
  };
}
