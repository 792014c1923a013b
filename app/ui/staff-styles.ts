import staffSheet from "~/staff.css?url";

/**
 * The staff pages' `links` (reports, authoring, people, training, and the competence heatmap): their utilities are
 * left out of app/app.css, the sheet every page carries, to keep the lite learner pages light. Linked after it, this
 * sheet repeats every utility in the app, so the cascade on these pages is that of one sheet. A module outside those
 * capabilities cannot render their components (.dependency-cruiser.cjs, `staff-components-only-on-staff-pages`).
 */
export const staffStyles = () => [{ rel: "stylesheet", href: staffSheet }];
