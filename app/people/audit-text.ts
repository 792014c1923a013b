import type { i18n as I18n } from "i18next";

type AuditRow = { action: string; actorName: string | null; details: unknown };

// i18next reads dots as nesting: "user.roles" is stored under the key "user_roles".
const keyOf = (action: string) => action.replace(/\./g, "_");

/** "user.roles" → "Đổi vai trò"; kinds nobody labelled yet show as they are. */
export function auditActionLabel(i18n: Pick<I18n, "t" | "exists">, action: string) {
  const key = `staffAdmin.audit.actions.${keyOf(action)}`;
  return i18n.exists(key) ? i18n.t(key) : action;
}

/** One readable, translated sentence per audit event; unknown kinds still say who did what. */
export function describeAudit(i18n: Pick<I18n, "t" | "exists">, row: AuditRow) {
  const { t } = i18n;
  const d = (row.details ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null || v === "" ? "—" : String(v));
  const roles = (list: unknown) => (Array.isArray(list) && list.length ? list.map((r) => t(`roles.${String(r)}`)).join(", ") : "—");
  const fields = (changes: unknown) =>
    Object.keys((changes as Record<string, unknown>) ?? {})
      .map((f) => (i18n.exists(`staffAdmin.audit.fields.${f}`) ? t(`staffAdmin.audit.fields.${f}`) : f))
      .join(", ");
  const params = {
    actor: row.actorName ?? t("staffAdmin.audit.system"),
    action: row.action,
    email: text(d.email),
    name: text(d.fullName),
    code: text(d.code),
    reason: text(d.reason),
    oldCode: text(d.oldCode),
    newCode: text(d.newCode),
    newName: text(d.newName),
    dueOn: text(d.dueOn),
    file: text(d.fileName ?? "CSV"),
    new: text(d.new),
    changed: text(d.changed),
    unchanged: text(d.unchanged),
    from: roles(d.from),
    to: roles(d.to),
    fields: fields(d.changes),
    title: text(d.title),
    prompt: text(d.prompt),
    body: text(d.body),
    answer: text(d.answer),
  };
  const key = `staffAdmin.audit.describe.${keyOf(row.action)}`;
  return i18n.exists(key) ? t(key, params) : t("staffAdmin.audit.describe.other", params);
}
