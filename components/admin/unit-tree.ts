import type { Unit } from "@/lib/store/unit-store";

/** Units in tree order with their depth, for lists and for the parent picker. */
export function unitsInTreeOrder(units: readonly Unit[]): { unit: Unit; depth: number }[] {
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && units.some((candidate) => candidate.id === unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: { unit: Unit; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      ordered.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** “　　县财政局”: the name indented by its depth (full-width spaces), for a <select>. */
export const indentedName = ({ unit, depth }: { unit: Unit; depth: number }) => `${"\u3000".repeat(depth)}${unit.name}`;
