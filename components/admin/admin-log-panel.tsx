import type { AdminActionEntry } from "@/lib/store/admin-log";

const chinaTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** 管理记录: who changed which unit or account, when, newest first. */
export function AdminLogPanel({ entries, limit }: { entries: AdminActionEntry[]; limit: number }) {
  return (
    <section className="card" aria-labelledby="admin-log-title">
      <h2 id="admin-log-title">管理记录</h2>
      {entries.length === 0 ? (
        <p>还没有记录。添加、改名、移动、移除单位，建立、修改、停用账号和重设密码，都会记在这里。</p>
      ) : (
        <>
          <p className="hint">单位和账号的每次改动：谁、何时、改了什么（最近 {limit} 条，新的在前）。</p>
          <table className="list-table admin-log">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at.toISOString()}>{chinaTime.format(entry.at)}</time>
                  </td>
                  <td>{entry.userName}</td>
                  <td>{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
