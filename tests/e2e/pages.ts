// Every main page, by who sees it: walked by axe (tests/e2e/axe.spec.ts) and by the screenshot review
// (`npm run screens`, scripts/screens.ts), at the two sizes #12 reviews.
import type { DemoRole } from "./fixtures";

export const PAGES: Record<DemoRole | "signedOut", string[]> = {
  signedOut: ["/login", "/password/forgot", "/verify", "/verify/ZZZZZZZZZZZZZZZZ", "/competences", "/no-such-page"],
  learner: [
    "/",
    "/learning",
    "/learning/programmes",
    "/learning/programmes/digital-foundations-year-1",
    "/live",
    "/live/TVQG25",
    "/courses",
    "/courses?q=d%E1%BB%AF%20li%E1%BB%87u",
    "/courses/digital-library-services",
    "/courses/digital-library-services/user-centred-service-design",
    "/account",
    "/notifications",
    "/notifications/settings",
    "/learning/competences",
  ],
  trainer: [
    "/trainer/live",
    "/trainer",
    "/trainer/health",
    "/trainer/courses/digital-library-services",
    "/trainer/courses/digital-library-services/quizzes/final",
    "/courses/data-literacy-for-libraries/kinds-of-library-data?as=learner",
  ],
  hr: [
    "/reports",
    "/reports?figures=all",
    "/reports/people?q=nguyen",
    "/reports/certificates",
    "/reports/assignments",
    "/reports/assignments/new",
    "/reports/competences",
    "/reports/competences?view=self&level=3",
  ],
  admin: ["/admin", "/admin/units", "/admin/import", "/admin/outbox", "/admin/audit"],
  manager: ["/reports", "/notifications", "/notifications/settings"],
};

export const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;
