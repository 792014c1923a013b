import { expect, test } from "vitest";
import { getI18n } from "../../../app/i18n/i18n.server";
import { auditActionLabel, describeAudit } from "../../../app/people/audit-text";
import { AuditQuerySchema } from "../../../app/people/schemas";

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

test("the live workshop kinds (three-part ones too) have labels and sentences, and the log's filter accepts them", () => {
  const live = [
    "live.session.start",
    "live.session.reopen",
    "live.session.close",
    "live.session.delete",
    "live.activity.delete",
    ...["hide", "unhide", "answer", "delete"].map((m) => `live.post.${m}`),
  ];
  for (const action of live) {
    for (const i18n of [vi, en]) {
      expect(auditActionLabel(i18n, action)).not.toBe(action);
      expect(describeAudit(i18n, { action, actorName: "X", details: {} })).not.toMatch(/\{\{|X: live\./);
    }
    expect(AuditQuerySchema.parse({ action }).action).toBe(action);
  }
  const hidden = { action: "live.post.hide", actorName: "Trần Đức Thắng", details: { body: "Có tài liệu không?" } };
  expect(describeAudit(vi, hidden)).toBe("Trần Đức Thắng ẩn câu hỏi “Có tài liệu không?” khỏi bảng câu hỏi của phiên.");
  expect(describeAudit(en, { ...hidden, action: "live.post.answer", details: { body: "Slides?", answer: "Yes" } })).toBe(
    "Trần Đức Thắng answered the question “Slides?”: Yes",
  );
  // Anything else is not a kind: the filter is dropped rather than failing.
  for (const action of ["live", "a.b.c.d", "User.roles", "user.roles;drop", "x".repeat(70) + ".y"]) expect(AuditQuerySchema.parse({ action }).action).toBeUndefined();
});
