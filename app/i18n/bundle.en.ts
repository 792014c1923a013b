// All the English messages, composed like ./bundle.vi (see there: the only place where shared ground imports
// capability folders, and only their messages). TypeScript checks it has exactly the Vietnamese keys.
import { en as accounts } from "~/accounts/messages.en";
import { en as authoring } from "~/authoring/messages.en";
import { en as certificates } from "~/certificates/messages.en";
import { en as competences } from "~/competences/messages.en";
import { en as learning } from "~/learning/messages.en";
import { en as live } from "~/live/messages.en";
import { en as people } from "~/people/messages.en";
import { en as programmes } from "~/programmes/messages.en";
import { en as quizzes } from "~/quizzes/messages.en";
import { en as reports } from "~/reports/messages.en";
import { en as training } from "~/training/messages.en";
import { en as notifications } from "~/notifications/messages.en";
import type { vi } from "./bundle.vi";
import { en as common } from "./messages.en";
import type { Widen } from "./types";

export const en = {
  ...common,
  ...accounts,
  ...learning,
  ...quizzes,
  ...authoring,
  ...people,
  ...certificates,
  ...training,
  ...reports,
  ...notifications,
  ...programmes,
  ...live,
  ...competences,
} satisfies Widen<typeof vi>;
