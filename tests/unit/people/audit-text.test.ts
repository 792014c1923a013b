import { expect, test } from "vitest";
import { getI18n } from "../../../app/i18n/i18n.server";
import { auditActionLabel, describeAudit } from "../../../app/people/audit-text";

const vi = getI18n("vi");
const en = getI18n("en");

test("each kind of audit event reads as a sentence in both languages", () => {
  const roles = { action: "user.roles", actorName: "Hoàng Việt", details: { email: "lan@thuvien.vn", from: ["learner"], to: ["hr", "learner"] } };
  expect(describeAudit(vi, roles)).toBe("Hoàng Việt đổi vai trò của lan@thuvien.vn: Học viên → Nhân sự, Học viên.");
  expect(describeAudit(en, roles)).toMatch(/^Hoàng Việt changed the roles of lan@thuvien.vn: Learner → /);
  const imported = { action: "staff.import", actorName: "Hoàng Việt", details: { fileName: "ds.csv", new: 3, changed: 1, unchanged: 0 } };
  expect(describeAudit(vi, imported)).toBe("Hoàng Việt nhập tệp ds.csv: 3 người mới, 1 thay đổi, 0 không đổi.");
  const revoke = { action: "certificate.revoke", actorName: "Lê Hải Yến", details: { code: "ABCD", fullName: "Trần Văn Minh", reason: "Sai tên" } };
  expect(describeAudit(vi, revoke)).toBe("Lê Hải Yến thu hồi chứng chỉ ABCD của Trần Văn Minh. Lý do: Sai tên.");
  const edit = { action: "user.update", actorName: null, details: { email: "a@b.vn", changes: { jobTitle: {}, orgUnitId: {} } } };
  expect(describeAudit(en, edit)).toBe("System edited a@b.vn: job title, org unit.");
  for (const action of ["assignment.create", "assignment.update", "assignment.withdraw", "certificate.reissue", "org_unit.move", "user.deactivate"]) {
    expect(auditActionLabel(vi, action)).not.toBe(action);
    expect(describeAudit(vi, { action, actorName: "X", details: {} })).not.toContain("{{");
  }
  expect(describeAudit(en, { action: "something.new", actorName: "X", details: {} })).toBe("X: something.new.");
});
