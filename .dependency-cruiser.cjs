// The direction of dependencies in app/ (docs/ARCHITECTURE.md draws it). `npm test` runs
// `depcruise app db scripts` with this file; a violation fails the run and names the import.

/** Each capability and the capabilities it may use (their exported modules, never their routes). */
const USES = {
  accounts: [],
  content: [],
  quizzes: ["content"],
  certificates: ["content"],
  notifications: [],
  training: ["notifications"],
  learning: ["content", "quizzes", "certificates", "training", "notifications", "programmes", "live"],
  people: ["accounts", "training"],
  reports: [],
  authoring: ["content", "learning", "quizzes"],
  programmes: ["content", "certificates", "training"],
  live: ["content"],
  competences: ["content", "reports"],
};
const CAPABILITIES = Object.keys(USES);
/** The capabilities whose files app/app.css leaves out (their pages link app/staff.css). */
const STAFF = ["reports", "authoring", "people", "training"];
const SHARED = "^(app/(platform|ui|i18n)|db)/";
// db/seed*.ts builds the demo organisation through the capabilities' own services (like a script does).
const SHARED_EXCEPT = ["^app/i18n/bundle\\.[a-z]+\\.ts$", "^db/seed[a-z-]*\\.ts$"];
const alt = (names) => `(${names.join("|")})`;

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycle anywhere: a cycle means two modules cannot be understood or tested apart.",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-ground-imports-no-capability",
      severity: "error",
      comment:
        "platform/, ui/, i18n/ and db/ are shared ground: they never import a capability. The one exception is " +
        "app/i18n/bundle.<lang>.ts, which gathers every capability's messages.<lang>.ts (data, not code) into one bundle.",
      from: { path: SHARED, pathNot: SHARED_EXCEPT },
      to: { path: `^app/${alt(CAPABILITIES)}/` },
    },
    {
      name: "bundle-imports-only-messages",
      severity: "error",
      comment: "The message bundles import messages files, nothing else of a capability.",
      from: { path: "^app/i18n/bundle\\.[a-z]+\\.ts$" },
      to: { path: `^app/${alt(CAPABILITIES)}/`, pathNot: `^app/${alt(CAPABILITIES)}/messages\\.[a-z]+\\.ts$` },
    },
    {
      name: "no-route-imports",
      severity: "error",
      comment: "Route modules are entry points (app/routes.ts names them by path): nothing imports one.",
      from: {},
      to: { path: "^app/[a-z-]+/routes/" },
    },
    ...CAPABILITIES.map((name) => {
      const forbidden = CAPABILITIES.filter((other) => other !== name && !USES[name].includes(other));
      return {
        name: `${name}-uses-only-${USES[name].join("-") || "shared-ground"}`,
        severity: "error",
        comment: `${name} may use ${USES[name].join(", ") || "only shared ground"} (see docs/ARCHITECTURE.md).`,
        from: { path: `^app/${name}/` },
        to: { path: `^app/${alt(forbidden)}/` },
      };
    }).filter((rule) => !rule.to.path.includes("()")),
    {
      name: "no-reaching-into-internals",
      severity: "error",
      comment:
        "A capability uses another's top-level modules and components; anything in another subfolder (e.g. routes/, " +
        "lib/) is internal to it.",
      from: { path: "^app/([a-z-]+)/" },
      to: {
        path: `^app/${alt(CAPABILITIES)}/[^/]+/`,
        pathNot: [`^app/$1/`, `^app/${alt(CAPABILITIES)}/components/`],
      },
    },
    {
      name: "staff-components-only-on-staff-pages",
      severity: "error",
      comment:
        "app/app.css, the sheet every page carries, is generated without the staff capabilities' files; their pages " +
        "link staff.css too (app/ui/staff-styles.ts). So only they, and staff routes that link it, render a " +
        "staff capability's components (a server module, schemas or messages carry no classes).",
      from: {
        path: "^app/",
        pathNot: [`^app/${alt(STAFF)}/`, "\\.server\\.ts$", ...SHARED_EXCEPT, "^app/competences/routes/heatmap\\.tsx$"],
      },
      to: { path: `^app/${alt(STAFF)}/`, pathNot: ["\\.server\\.ts$", "/schemas\\.ts$", "/messages\\.[a-z]+\\.ts$"] },
    },
    {
      name: "scripts-and-db-import-no-routes",
      severity: "error",
      comment: "Scripts and the database layer call services, never route modules.",
      from: { path: "^(scripts|db)/" },
      to: { path: "/routes/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|build|\\.react-router|\\.cache|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
