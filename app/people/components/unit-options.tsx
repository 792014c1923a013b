/** The org tree as <option>s, indented by depth: "LS-PV · Phòng Phục vụ bạn đọc" (a plain select, no JavaScript). */
export function UnitOptions({ units }: { units: readonly { id: string; code: string; depth: number; name: string }[] }) {
  return units.map((u) => (
    <option key={u.id} value={u.id}>
      {"\u00a0\u00a0".repeat(u.depth)}
      {u.code} · {u.name}
    </option>
  ));
}
