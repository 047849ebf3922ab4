"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError, callApi, messageOf } from "@/components/ui/api-client";
import { FieldError, invalidFieldProps } from "@/components/ui/field-error";
import { DialogForm, ModalDialog } from "@/components/ui/modal-dialog";
import type { UserSummary } from "@/lib/auth/accounts";
import { type AccountField, accountFields } from "@/lib/auth/auth-forms";
import { roleLabels, type UserRole } from "@/lib/auth/roles";
import type { Unit } from "@/lib/store/unit-store";
import { unitsInTreeOrder } from "./unit-tree";
import { UnitSelect } from "./units-panel";

type UserRow = Omit<UserSummary, "createdAt"> & { createdAt: string };
const roles = Object.keys(roleLabels) as UserRole[];
const personLabel = (user: UserRow) =>
  user.name && user.name !== user.username ? `${user.username}（${user.name}）` : user.username;

export function UsersPanel({ units, users, selfId }: { units: Unit[]; users: UserRow[]; selfId: string }) {
  const router = useRouter();
  // Archived units are offered nowhere.
  const ordered = unitsInTreeOrder(units.filter((unit) => unit.archivedAt === null));
  const unitName = (id: string | null) => {
    const unit = units.find((candidate) => candidate.id === id);
    return unit ? `${unit.name}${unit.archivedAt ? "（已归档）" : ""}` : "（未分配）";
  };
  const [draft, setDraft] = useState({
    username: "",
    name: "",
    password: "",
    role: "filler" as UserRole,
    unitId: ordered[0]?.unit.id ?? "",
  });
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [editing, setEditing] = useState<{ kind: "password" | "change"; user: UserRow } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  /** The new-account field the server refused, marked and focused, its message tied to it. */
  const [fieldError, setFieldError] = useState<{ field: AccountField; message: string } | null>(null);
  const newAccountForm = useRef<HTMLFormElement>(null);
  const errorOf = (field: AccountField) => (fieldError?.field === field ? fieldError.message : undefined);
  const fieldName = (field: AccountField) => `new-account-${field}`;
  const fieldProps = (field: AccountField) => ({
    name: fieldName(field),
    ...invalidFieldProps(fieldName(field), errorOf(field)),
  });

  /** An action's outcome in the panel's message; null: the action showed its own (a field's error). */
  const run = async (action: () => Promise<string | null>) => {
    setMessage(null);
    try {
      const text = await action();
      if (text === null) return;
      setMessage({ text, isError: false });
      router.refresh();
    } catch (error) {
      setMessage({ text: messageOf(error), isError: true });
    }
  };
  const done = (text: string) => {
    setEditing(null);
    setMessage({ text, isError: false });
    router.refresh();
  };

  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title" ref={heading} tabIndex={-1}>
        账号（{users.length} 个）
      </h2>
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
                {!user.disabled && user.mustChangePassword && <span className="badge badge-warning">待改初始密码</span>}
              </td>
              <td className="actions">
                <button
                  type="button"
                  aria-label={`修改：${personLabel(user)}`}
                  onClick={() => setEditing({ kind: "change", user })}
                >
                  修改
                </button>
                <button
                  type="button"
                  aria-label={`重设密码：${personLabel(user)}`}
                  onClick={() => setEditing({ kind: "password", user })}
                >
                  重设密码
                </button>
                {user.id !== selfId && (
                  <button
                    type="button"
                    aria-label={`${user.disabled ? "启用" : "停用"}：${personLabel(user)}`}
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
      {message && (
        <p role={message.isError ? "alert" : "status"} className={message.isError ? "alert" : "notice"}>
          {message.text}
        </p>
      )}

      <form
        className="inline-form wrap"
        aria-label="新建账号"
        ref={newAccountForm}
        onSubmit={(event) => {
          event.preventDefault();
          setFieldError(null);
          void run(async () => {
            try {
              await callApi("/api/users", { method: "POST", json: draft });
            } catch (error) {
              const field = error instanceof ApiError ? accountFieldOf(error.body) : null;
              if (!field) throw error;
              setFieldError({ field, message: (error as ApiError).message });
              // The message is read with the field the keyboard is put back on.
              requestAnimationFrame(() =>
                newAccountForm.current?.querySelector<HTMLElement>(`[name="${fieldName(field)}"]`)?.focus(),
              );
              return null;
            }
            setDraft({ ...draft, username: "", name: "", password: "" });
            return `已建立账号 ${draft.username.trim().toLowerCase()}（${roleLabels[draft.role]}，${unitName(draft.unitId)}）；请把初始密码告诉本人，首次登录时须改为自己的密码`;
          });
        }}
      >
        <label>
          用户名
          <input
            value={draft.username}
            onChange={(event) => setDraft({ ...draft, username: event.target.value })}
            autoComplete="off"
            {...fieldProps("username")}
          />
        </label>
        <FieldError name={fieldName("username")} message={errorOf("username")} />
        <label>
          姓名
          <input
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            {...fieldProps("name")}
          />
        </label>
        <FieldError name={fieldName("name")} message={errorOf("name")} />
        <label>
          初始密码
          <input
            type="password"
            value={draft.password}
            onChange={(event) => setDraft({ ...draft, password: event.target.value })}
            autoComplete="new-password"
            {...fieldProps("password")}
          />
        </label>
        <FieldError name={fieldName("password")} message={errorOf("password")} />
        <UnitSelect
          label="单位"
          noneLabel={null}
          units={ordered}
          value={draft.unitId}
          onChange={(unitId) => setDraft({ ...draft, unitId })}
          name={fieldName("unitId")}
          error={errorOf("unitId")}
        />
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
      <p className="hint">
        填报人填写本单位的报告；审核人审核本单位及下级单位的报告；管理员管理单位、账号和全部报告。管理员设置的密码（新建账号或重设密码）
        是初始密码，本人首次登录时须先改为自己的密码。
      </p>

      <ModalDialog
        open={editing !== null}
        title={editing ? `${editing.kind === "password" ? "重设密码" : "修改账号"}：${personLabel(editing.user)}` : ""}
        onClose={() => setEditing(null)}
        fallbackFocus={() => heading.current}
      >
        {editing?.kind === "password" && (
          <PasswordResetForm user={editing.user} onDone={done} onCancel={() => setEditing(null)} />
        )}
        {editing?.kind === "change" && (
          <AccountChangeForm
            user={editing.user}
            isSelf={editing.user.id === selfId}
            units={ordered}
            onDone={done}
            onCancel={() => setEditing(null)}
          />
        )}
      </ModalDialog>
    </section>
  );
}

/** The field an account error is about, as the server names it in its answer. */
function accountFieldOf(body: unknown): AccountField | null {
  const field = typeof body === "object" && body !== null && "field" in body ? body.field : null;
  return accountFields.find((candidate) => candidate === field) ?? null;
}

type FormProps = { user: UserRow; onDone: (message: string) => void; onCancel: () => void };

function PasswordResetForm({ user, onDone, onCancel }: FormProps) {
  const [password, setPassword] = useState("");
  return (
    <DialogForm
      submitLabel="重设密码"
      onCancel={onCancel}
      submit={async () => {
        await callApi(`/api/users/${user.id}/password`, { method: "POST", json: { password } });
        onDone(`已为 ${user.username} 重设密码；该账号原有的登录已退出，下次登录时须改为自己的密码`);
      }}
    >
      {(errorId) => (
        <>
          <label className="field">
            新的初始密码（至少 8 个字符）
            <input
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="new-password"
              aria-invalid={errorId ? true : undefined}
              aria-describedby={errorId}
            />
          </label>
          <p className="hint">请把这个密码告诉本人；其原有的登录随即退出，下次登录时须先改为自己的密码。</p>
        </>
      )}
    </DialogForm>
  );
}

function AccountChangeForm({
  user,
  isSelf,
  units,
  onDone,
  onCancel,
}: FormProps & { isSelf: boolean; units: { unit: Unit; depth: number }[] }) {
  const [name, setName] = useState(user.name);
  const [unitId, setUnitId] = useState(user.unitId ?? "");
  const [role, setRole] = useState<UserRole>(user.role);
  const inArchivedUnit = user.unitId !== null && !units.some((entry) => entry.unit.id === user.unitId);
  return (
    <DialogForm
      submitLabel="保存"
      onCancel={onCancel}
      submit={async () => {
        await callApi(`/api/users/${user.id}`, {
          method: "PATCH",
          json: { name, role, ...(unitId && unitId !== user.unitId ? { unitId } : {}) },
        });
        onDone(`已修改账号 ${user.username}`);
      }}
    >
      {(errorId) => (
        <>
          <label className="field">
            姓名
            <input value={name} onChange={(event) => setName(event.target.value)} aria-describedby={errorId} />
          </label>
          <UnitSelect
            label="单位"
            className="field"
            noneLabel={inArchivedUnit || !user.unitId ? "（请选择单位）" : null}
            units={units}
            value={inArchivedUnit ? "" : unitId}
            onChange={setUnitId}
            describedBy={errorId}
          />
          <label className="field">
            角色
            <select
              value={role}
              onChange={(event) => setRole(event.target.value as UserRole)}
              disabled={isSelf}
              aria-describedby={isSelf ? "own-role-note" : errorId}
            >
              {roles.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {roleLabels[candidate]}
                </option>
              ))}
            </select>
          </label>
          {isSelf && (
            <p id="own-role-note" className="hint">
              不能修改自己的角色：请由另一位管理员修改。
            </p>
          )}
        </>
      )}
    </DialogForm>
  );
}
