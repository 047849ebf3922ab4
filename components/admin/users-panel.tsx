"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, callApi } from "@/components/ui/api-client";
import type { UserSummary } from "@/lib/auth/accounts";
import { roleLabels, type UserRole } from "@/lib/auth/roles";
import type { Unit } from "@/lib/store/unit-store";
import { indentedName, unitsInTreeOrder } from "./unit-tree";

type UserRow = Omit<UserSummary, "createdAt"> & { createdAt: string };
const roles = Object.keys(roleLabels) as UserRole[];

export function UsersPanel({ units, users, selfId }: { units: Unit[]; users: UserRow[]; selfId: string }) {
  const router = useRouter();
  const ordered = unitsInTreeOrder(units);
  const unitName = (id: string | null) => units.find((unit) => unit.id === id)?.name ?? "（未分配）";
  const [draft, setDraft] = useState({
    username: "",
    name: "",
    password: "",
    role: "filler" as UserRole,
    unitId: units[0]?.id ?? "",
  });
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);

  const run = async (action: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ text: await action(), isError: false });
      router.refresh();
    } catch (error) {
      setMessage({ text: error instanceof ApiError ? error.message : String(error), isError: true });
    }
  };

  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">账号（{users.length} 个）</h2>
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">单位</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.username}</td>
              <td>{user.name}</td>
              <td>{unitName(user.unitId)}</td>
              <td>{roleLabels[user.role]}</td>
              <td>
                {user.disabled ? <span className="badge badge-error">已停用</span> : <span className="badge badge-ok">可用</span>}
              </td>
              <td className="actions">
                <button
                  type="button"
                  onClick={() => {
                    const password = window.prompt(`为 ${user.username}（${user.name}）设置新密码（至少 8 个字符）：`);
                    if (password)
                      void run(async () => {
                        await callApi(`/api/users/${user.id}/password`, { method: "POST", json: { password } });
                        return `已为 ${user.username} 重设密码；该账号原有的登录已退出`;
                      });
                  }}
                >
                  重设密码
                </button>
                {user.id !== selfId && (
                  <button
                    type="button"
                    onClick={() =>
                      void run(async () => {
                        await callApi(`/api/users/${user.id}`, { method: "PATCH", json: { disabled: !user.disabled } });
                        return user.disabled ? `已启用 ${user.username}` : `已停用 ${user.username}，其登录已退出`;
                      })
                    }
                  >
                    {user.disabled ? "启用" : "停用"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form
        className="inline-form wrap"
        aria-label="新建账号"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await callApi("/api/users", { method: "POST", json: draft });
            setDraft({ ...draft, username: "", name: "", password: "" });
            return `已建立账号 ${draft.username.trim().toLowerCase()}（${roleLabels[draft.role]}，${unitName(draft.unitId)}）`;
          });
        }}
      >
        <label>
          用户名
          <input
            value={draft.username}
            onChange={(event) => setDraft({ ...draft, username: event.target.value })}
            autoComplete="off"
          />
        </label>
        <label>
          姓名
          <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </label>
        <label>
          初始密码
          <input
            type="password"
            value={draft.password}
            onChange={(event) => setDraft({ ...draft, password: event.target.value })}
            autoComplete="new-password"
          />
        </label>
        <label>
          单位
          <select value={draft.unitId} onChange={(event) => setDraft({ ...draft, unitId: event.target.value })}>
            {ordered.map((entry) => (
              <option key={entry.unit.id} value={entry.unit.id}>
                {indentedName(entry)}
              </option>
            ))}
          </select>
        </label>
        <label>
          角色
          <select value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as UserRole })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">新建账号</button>
      </form>
      <p className="hint">填报人填写本单位的报告；审核人审核本单位及下级单位的报告；管理员管理单位、账号和全部报告。</p>
      {message && (
        <p role={message.isError ? "alert" : "status"} className={message.isError ? "alert" : "notice"}>
          {message.text}
        </p>
      )}
    </section>
  );
}
