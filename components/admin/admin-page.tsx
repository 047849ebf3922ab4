import { redirect } from "next/navigation";
import { requirePageContext } from "@/lib/api/page-context";
import { listUsers } from "@/lib/auth/accounts";
import { listAdminActions } from "@/lib/store/admin-log";
import { listUnits } from "@/lib/store/unit-store";
import { AdminLogPanel } from "./admin-log-panel";
import { UnitsPanel } from "./units-panel";
import { UsersPanel } from "./users-panel";

const ADMIN_LOG_ROWS = 200;

/** The administrator's page: the units of the office as a tree, and the accounts. */
export async function AdminPage() {
  const { actor, root } = await requirePageContext("/admin");
  if (actor.role !== "admin") redirect("/");
  const [units, users, log] = await Promise.all([
    listUnits(root.db),
    listUsers(root.db),
    listAdminActions(root.db, ADMIN_LOG_ROWS),
  ]);
  return (
    <main id="main" className="page admin-page">
      <h1>单位和账号</h1>
      <UnitsPanel units={units} />
      <UsersPanel
        units={units}
        users={users.map((user) => ({ ...user, createdAt: user.createdAt.toISOString() }))}
        selfId={actor.userId}
      />
      <AdminLogPanel entries={log} limit={ADMIN_LOG_ROWS} />
      <section className="card" aria-labelledby="backup-title">
        <h2 id="backup-title">备份</h2>
        <p>
          备份文件包含全部单位、账号、报告、历史版本和已发布的文件，服务器运行时也可备份。请定期下载并保存到另一台电脑或移动硬盘；
          恢复用命令 <code>npm run restore -- 备份文件</code>（恢复到新的数据文件夹），详见说明文件。
        </p>
        <p className="export-buttons">
          <a href="/api/backup" download>
            下载全部数据的备份
          </a>
        </p>
      </section>
    </main>
  );
}
