// All the Vietnamese messages: the interface's own (./messages.vi) and each capability's, side by side. Each
// capability names its namespaces in its own app/<capability>/messages.vi.ts, so t("login.title") reads
// app/accounts/messages.vi.ts. A new capability's messages are added here and in ./bundle.en.
//
// Messages are data, not behaviour: this bundling point (bundle.vi.ts, bundle.en.ts) is the only place where shared
// ground imports from capability folders, and it imports nothing there but their messages.*.ts files.
import { vi as accounts } from "~/accounts/messages.vi";
import { vi as authoring } from "~/authoring/messages.vi";
import { vi as certificates } from "~/certificates/messages.vi";
import { vi as competences } from "~/competences/messages.vi";
import { vi as learning } from "~/learning/messages.vi";
import { vi as live } from "~/live/messages.vi";
import { vi as people } from "~/people/messages.vi";
import { vi as programmes } from "~/programmes/messages.vi";
import { vi as quizzes } from "~/quizzes/messages.vi";
import { vi as reports } from "~/reports/messages.vi";
import { vi as training } from "~/training/messages.vi";
import { vi as notifications } from "~/notifications/messages.vi";
import { vi as common } from "./messages.vi";

export const vi = {
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
} as const;
