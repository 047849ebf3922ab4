import type { UserRole } from "./roles";

/** The signed-in person a request acts for. */
export type Actor = {
  userId: string;
  username: string;
  name: string;
  role: UserRole;
  unitId: string | null;
};

/** Unit ids a query may touch; null means every unit (the administrator). */
export type UnitScope = readonly string[] | null;

export type UnitNode = { id: string; parentId: string | null };

/** A unit and every unit below it in the tree. */
export function unitWithDescendants(units: readonly UnitNode[], unitId: string): string[] {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (!unit.parentId) continue;
    const list = children.get(unit.parentId);
    if (list) list.push(unit.id);
    else children.set(unit.parentId, [unit.id]);
  }
  const result: string[] = [];
  const seen = new Set<string>();
  const stack = [unitId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

/** What an actor may do, as unit scopes the store's queries are limited to. */
export type AccessScopes = {
  /** Reports they see: a 填报人 their unit's, a 审核人 their unit's and those below, the 管理员 all. */
  read: UnitScope;
  /** Reports whose content they change: their own unit's (the 管理员: all). */
  write: UnitScope;
  /** Reports they review, approve and publish: a 审核人's unit and those below (the 管理员: all). */
  review: UnitScope;
};

/** Whether accessScopes reads the unit tree: only a 审核人's reach (their unit and those below) does. */
export const scopesNeedUnitTree = (actor: Actor): boolean => actor.role === "reviewer" && actor.unitId !== null;

/** `units` is read only when scopesNeedUnitTree(actor); others may pass none. */
export function accessScopes(actor: Actor, units: readonly UnitNode[]): AccessScopes {
  if (actor.role === "admin") return { read: null, write: null, review: null };
  if (!actor.unitId) return { read: [], write: [], review: [] };
  const own = [actor.unitId];
  if (actor.role === "reviewer") {
    const below = unitWithDescendants(units, actor.unitId);
    return { read: below, write: own, review: below };
  }
  return { read: own, write: own, review: [] };
}

export const scopeIncludes = (scope: UnitScope, unitId: string | null): boolean =>
  scope === null || (unitId !== null && scope.includes(unitId));
