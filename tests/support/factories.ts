import { seedOrg, seedUsers } from "../../db/seed";
import type { Db } from "../../db/client";
import type { Role } from "../../db/schema";

let counter = 0;

export const TEST_PASSWORD = "correct horse battery";

/** Creates a person with the given roles and returns their email. */
export async function createUser(db: Db, options: { roles?: Role[]; fullName?: string; email?: string; orgUnit?: string } = {}) {
  const units = await seedOrg(db);
  counter += 1;
  const email = options.email ?? `user${counter}.${Date.now().toString(36)}@thuvien.test`;
  await seedUsers(
    db,
    [
      {
        email,
        fullName: options.fullName ?? "Nguyễn Thị Hồng Vân",
        staffNumber: `T-${counter}-${Math.random().toString(36).slice(2, 8)}`,
        jobTitle: "Thủ thư",
        orgUnit: options.orgUnit ?? "LS-PV",
        roles: options.roles ?? ["learner"],
      },
    ],
    TEST_PASSWORD,
    units,
  );
  return email;
}
