import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("locale", "routes/locale.tsx"),
  route("account", "routes/account.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("learning", "routes/learning.tsx"),
  route("courses", "routes/courses.tsx"),
  route("courses/:course", "routes/course.tsx"),
  route("courses/:course/:lesson", "routes/lesson.tsx"),
  route("trainer", "routes/trainer.tsx"),
  route("trainer/health", "routes/trainer-health.tsx"),
  route("trainer/courses/:course", "routes/trainer-course.tsx"),
  route("trainer/courses/:course/learners.csv", "routes/trainer-learners-csv.ts"),
  route("trainer/courses/:course/quizzes/:quiz", "routes/trainer-quiz.tsx"),
  route("reports", "routes/reports.tsx"),
  route("admin", "routes/admin.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
