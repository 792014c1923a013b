import type { Role } from "../../db/schema";

export const ROLES = ["learner", "trainer", "hr", "manager", "admin"] as const satisfies readonly Role[];

/** Administrators can do everything the other roles can. */
export function hasRole(user: { roles: readonly Role[] } | null | undefined, role: Role) {
  if (!user) return false;
  return user.roles.includes(role) || user.roles.includes("admin");
}

export type NavItem = { to: `/${string}`; key: "learning" | "catalogue" | "trainer" | "reports" | "admin" };

export function navFor(user: { roles: readonly Role[] }): NavItem[] {
  const items: NavItem[] = [
    { to: "/learning", key: "learning" },
    { to: "/courses", key: "catalogue" },
  ];
  if (hasRole(user, "trainer")) items.push({ to: "/trainer", key: "trainer" });
  if (hasRole(user, "hr") || hasRole(user, "manager")) items.push({ to: "/reports", key: "reports" });
  if (hasRole(user, "admin")) items.push({ to: "/admin", key: "admin" });
  return items;
}

/** HR actions (assigning, the certificate register, revocation): HR and admins, never a manager alone. */
export function canActAsHr(user: { roles: readonly Role[] } | null | undefined) {
  return hasRole(user, "hr");
}

/** Course owners (their email in the course's owners) and admins manage a course. */
export function canManage(user: { email: string; roles: readonly Role[] }, owners: readonly string[]) {
  return user.roles.includes("admin") || owners.includes(user.email.toLowerCase());
}
