import { redirect } from "next/navigation";
import { requirePageContext } from "@/lib/api/page-context";
import { listUsers } from "@/lib/auth/accounts";
import { listUnits } from "@/lib/store/unit-store";
import { UnitsPanel } from "./units-panel";
import { UsersPanel } from "./users-panel";

/** The administrator's page: the units of the office as a tree, and the accounts. */
export async function AdminPage() {
  const { actor, root } = await requirePageContext("/admin");
  if (actor.role !== "admin") redirect("/");
  const [units, users] = await Promise.all([listUnits(root.db), listUsers(root.db)]);
  return (
    <main className="page admin-page">
      <h1>单位和账号</h1>
      <UnitsPanel units={units} />
      <UsersPanel
        units={units}
        users={users.map((user) => ({ ...user, createdAt: user.createdAt.toISOString() }))}
        selfId={actor.userId}
      />
    </main>
  );
}
