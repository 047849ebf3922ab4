import { randomUUID } from "node:crypto";
import { desc } from "drizzle-orm";
import type { Actor } from "@/lib/auth/access";
import type { StoreDatabase } from "./database";
import { adminActions } from "./schema";

/** What the administrator did, by kind: the page shows `detail`, the kind lets one filter. */
export type AdminActionKind =
  | "unit.create"
  | "unit.list"
  | "unit.rename"
  | "unit.move"
  | "unit.archive"
  | "unit.delete"
  | "unit.restore"
  | "unit.deadline"
  | "user.create"
  | "user.change"
  | "user.disable"
  | "user.enable"
  | "user.password";

export type AdminActionEntry = {
  id: string;
  at: Date;
  userId: string;
  userName: string;
  action: string;
  targetId: string | null;
  detail: string;
};

/** The person as the record names them: “管理员甲（admin）”. */
export const actorLabel = (actor: Pick<Actor, "name" | "username">): string =>
  actor.name && actor.name !== actor.username ? `${actor.name}（${actor.username}）` : actor.username;

/** Records one administrative change, through the same transaction as the change itself. */
export async function recordAdminAction(
  executor: Pick<StoreDatabase, "insert">,
  by: Actor,
  entry: { action: AdminActionKind; targetId?: string | null; detail: string },
): Promise<void> {
  await executor.insert(adminActions).values({
    id: randomUUID(),
    at: new Date(),
    userId: by.userId,
    userName: actorLabel(by),
    action: entry.action,
    targetId: entry.targetId ?? null,
    detail: entry.detail,
  });
}

/** The newest first. */
export async function listAdminActions(db: StoreDatabase, limit = 200): Promise<AdminActionEntry[]> {
  return db.select().from(adminActions).orderBy(desc(adminActions.at)).limit(limit);
}
