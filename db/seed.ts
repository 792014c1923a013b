import { sql } from "drizzle-orm";
import { hashPassword } from "../app/platform/password.server";
import type { Db } from "./client";
import { seedDemoAssignments, seedDemoProgrammeAssignment } from "./seed-assignments";
import { seedDemoLive } from "./seed-live";
import { seedDemoCompetences } from "./seed-competences";
import { orgUnits, type Role, userRoles, users } from "./schema";

type SeedUnit = { code: string; name: string; nameEn: string; parent?: string };

export const DEMO_ORG: SeedUnit[] = [
  { code: "TVQG", name: "Thư viện Quốc gia Việt Nam", nameEn: "National Library of Vietnam" },
  { code: "TVQG-PV", name: "Phòng Phục vụ bạn đọc", nameEn: "Reader Services", parent: "TVQG" },
  { code: "TVQG-BM", name: "Phòng Phân loại – Biên mục", nameEn: "Classification and Cataloguing", parent: "TVQG" },
  { code: "TVQG-CNTT", name: "Phòng Tin học", nameEn: "Information Technology", parent: "TVQG" },
  { code: "LS", name: "Thư viện tỉnh Lạng Sơn", nameEn: "Lang Son Provincial Library" },
  { code: "LS-PV", name: "Phòng Phục vụ bạn đọc", nameEn: "Reader Services", parent: "LS" },
  { code: "LS-NV", name: "Phòng Nghiệp vụ", nameEn: "Technical Services", parent: "LS" },
  { code: "NA", name: "Thư viện tỉnh Nghệ An", nameEn: "Nghe An Provincial Library" },
  { code: "NA-PV", name: "Phòng Phục vụ bạn đọc", nameEn: "Reader Services", parent: "NA" },
  { code: "NA-SH", name: "Phòng Số hóa tài liệu", nameEn: "Digitisation", parent: "NA" },
];

export const DEMO_PASSWORD = "skillshelf-demo";

export type SeedUser = {
  email: string;
  fullName: string;
  staffNumber: string;
  jobTitle: string;
  orgUnit: string;
  roles: Role[];
  locale?: "vi" | "en";
};

export const DEMO_USERS: SeedUser[] = [
  {
    email: "learner@skillshelf.local",
    fullName: "Nguyễn Thị Hồng Vân",
    staffNumber: "LS-0012",
    jobTitle: "Thủ thư",
    orgUnit: "LS-PV",
    roles: ["learner"],
  },
  {
    email: "trainer@skillshelf.local",
    fullName: "Trần Đức Thắng",
    staffNumber: "TVQG-0107",
    jobTitle: "Giảng viên nội bộ",
    orgUnit: "TVQG-CNTT",
    roles: ["learner", "trainer"],
  },
  {
    email: "hr@skillshelf.local",
    fullName: "Lê Hải Yến",
    staffNumber: "TVQG-0031",
    jobTitle: "Chuyên viên nhân sự",
    orgUnit: "TVQG",
    roles: ["learner", "hr"],
  },
  {
    // A unit manager: reads the reports of the Lạng Sơn library and its departments, gets its weekly digest.
    email: "manager@skillshelf.local",
    fullName: "Phạm Minh Tuấn",
    staffNumber: "LS-0002",
    jobTitle: "Phó Giám đốc",
    orgUnit: "LS",
    roles: ["learner", "manager"],
  },
  {
    email: "admin@skillshelf.local",
    fullName: "Hoàng Việt",
    staffNumber: "TVQG-0001",
    jobTitle: "Quản trị hệ thống",
    orgUnit: "TVQG-CNTT",
    roles: ["learner", "admin"],
  },
];

/** Creates what is missing and changes nothing that exists, so it can run on every start. */
export async function seedOrg(db: Db, units: SeedUnit[] = DEMO_ORG) {
  const ids = new Map<string, string>();
  for (const unit of units) {
    const parentId = unit.parent ? ids.get(unit.parent) : undefined;
    await db
      .insert(orgUnits)
      .values({ code: unit.code, name: unit.name, nameEn: unit.nameEn, parentId })
      .onConflictDoNothing({ target: orgUnits.code });
    const [row] = await db.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.code} = ${unit.code}`);
    if (row) ids.set(unit.code, row.id);
  }
  return ids;
}

export async function seedUsers(db: Db, list: SeedUser[], password: string, unitIds: Map<string, string>) {
  const passwordHash = await hashPassword(password);
  for (const u of list) {
    const inserted = await db
      .insert(users)
      .values({
        email: u.email,
        fullName: u.fullName.normalize("NFC"),
        staffNumber: u.staffNumber,
        jobTitle: u.jobTitle,
        orgUnitId: unitIds.get(u.orgUnit),
        locale: u.locale ?? "vi",
        passwordHash,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    const id = inserted[0]?.id;
    if (!id) continue;
    await db
      .insert(userRoles)
      .values(u.roles.map((role) => ({ userId: id, role })))
      .onConflictDoNothing();
  }
}

export async function seed(db: Db) {
  const unitIds = await seedOrg(db);
  await seedUsers(db, DEMO_USERS, DEMO_PASSWORD, unitIds);
  // Colleagues first: the programme assigned to Nghệ An then reaches them (assignments sync the people who exist).
  await seedDemoCompetences(db);
  await seedDemoAssignments(db);
  await seedDemoProgrammeAssignment(db);
  await seedDemoLive(db);
}
