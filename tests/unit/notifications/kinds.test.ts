import { expect, test } from "vitest";
import { getI18n } from "../../../app/i18n/i18n.server";
import { EMAIL_KINDS, NOTIFICATION_KINDS, notificationText } from "../../../app/notifications/kinds";

const day = (d: string) => `[${d}]`;

for (const locale of ["vi", "en"] as const) {
  test(`every kind reads as a sentence in ${locale}, for a course and for a programme`, () => {
    const { t, exists } = getI18n(locale);
    for (const kind of NOTIFICATION_KINDS) {
      for (const subject of ["course", "programme"] as const) {
        expect(exists(`notifications.text.${kind}_${subject}`), `${kind}_${subject}`).toBe(true);
        const text = notificationText(t, locale, kind, { subject, titleVi: "Tiêu đề", titleEn: "Title", dueOn: "2030-05-01" }, day);
        expect(text).toContain(locale === "en" ? "“Title”" : "“Tiêu đề”");
        if (kind === "assigned" || kind === "reminder" || kind === "overdue") expect(text).toContain("[2030-05-01]");
      }
    }
    for (const kind of EMAIL_KINDS) {
      expect(exists(`notifications.kinds.${kind}`), kind).toBe(true);
      expect(exists(`notifications.settings.choices.${kind}`), kind).toBe(true);
    }
  });
}

test("an English reader of a course without an English title reads the Vietnamese one", () => {
  const { t } = getI18n("en");
  expect(notificationText(t, "en", "certificate_issued", { subject: "certificate", titleVi: "Năng lực số", titleEn: null }, day)).toBe(
    "You received the certificate for “Năng lực số”.",
  );
});
