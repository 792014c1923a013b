import type { Db } from "../../db/client";
import { issueCertificate } from "~/certificates/issue.server";
import { completeLearnerAssignments } from "~/training/assignment-sync.server";
import { collectNotifications } from "~/notifications/collect.server";
import { afterCourseCompletedInProgrammes } from "~/programmes/programmes.server";

export type CourseCompletion = { userId: string; courseId: string; completedAt: Date; cycle: number };

/**
 * Everything that follows a learner completing a course, in the same transaction as the completion itself
 * (so a failure rolls the completion back and a retry does it all again, once).
 */
export async function afterCourseCompleted(db: Db, completion: CourseCompletion): Promise<void> {
  await issueCertificate(db, completion);
  // Assigned training is done (linked to the certificate just issued, when there is one).
  await completeLearnerAssignments(db, completion);
  // Programmes the learner follows that hold the course: a met rule issues the programme's certificate (after the
  // course's, which is its evidence) and completes its assignments.
  await afterCourseCompletedInProgrammes(db, completion);
  // The certificate's notification, in the app at once; its email goes out from the dispatcher after commit.
  await collectNotifications(db, { now: completion.completedAt, userIds: [completion.userId] });
}
