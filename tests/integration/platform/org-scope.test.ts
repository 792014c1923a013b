import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { sql } from "drizzle-orm";
import { orgUnits, userRoles, users } from "../../../db/schema";
import { hrVisibleUnits, unitSubtree } from "../../../app/platform/org-scope.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

describe("HR org-unit scope", () => {
  it("is a unit with its descendants, everything for admins and unscoped HR, nothing without the role", async () => {
    const { db } = handle;
    const [root] = await db.insert(orgUnits).values({ code: "S-ROOT", name: "Gốc" }).returning();
    const [child] = await db.insert(orgUnits).values({ code: "S-CHILD", name: "Con", parentId: root!.id }).returning();
    const [grandchild] = await db.insert(orgUnits).values({ code: "S-GC", name: "Cháu", parentId: child!.id }).returning();
    const [other] = await db.insert(orgUnits).values({ code: "S-OTHER", name: "Khác" }).returning();

    expect((await unitSubtree(db, child!.id)).sort()).toEqual([child!.id, grandchild!.id].sort());

    const idOf = async (email: string) =>
      (await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`))[0]!.id;
    const scoped = { id: await idOf(await createUser(db, { roles: ["hr"] })) };
    await db.update(userRoles).set({ scopeOrgUnitId: child!.id }).where(sql`${userRoles.userId} = ${scoped.id}`);
    const visible = await hrVisibleUnits(db, { id: scoped.id, roles: ["hr"] });
    expect(visible?.sort()).toEqual([child!.id, grandchild!.id].sort());
    expect(visible).not.toContain(root!.id);
    expect(visible).not.toContain(other!.id);

    const admin = { id: await idOf(await createUser(db, { roles: ["admin"] })) };
    expect(await hrVisibleUnits(db, { id: admin.id, roles: ["admin"] })).toBeNull();
    const learner = { id: await idOf(await createUser(db, { roles: ["learner"] })) };
    expect(await hrVisibleUnits(db, { id: learner.id, roles: ["learner"] })).toEqual([]);
  });
});
