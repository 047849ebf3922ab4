"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError, callApi, messageOf, OFFLINE_STATUS } from "@/components/ui/api-client";
import { FieldError, invalidFieldProps } from "@/components/ui/field-error";
import { DialogForm, ModalDialog } from "@/components/ui/modal-dialog";
import { unitWithDescendants } from "@/lib/auth/access";
import type { Unit } from "@/lib/store/unit-store";
import { indentedName, unitsInTreeOrder } from "./unit-tree";

type Message = { text: string; isError: boolean };
/** The text fields of the panel's two forms: 新单位名称 and 粘贴单位名单. */
type UnitFormField = "unit-name" | "unit-list";
/** The change a unit's 改名 / 移动 / 移除 dialog is for. */
type Editing = { kind: "rename" | "move" | "remove"; unit: Unit } | null;

export function UnitsPanel({ units }: { units: Unit[] }) {
  const router = useRouter();
  const active = units.filter((unit) => unit.archivedAt === null);
  const archived = units.filter((unit) => unit.archivedAt !== null);
  const ordered = unitsInTreeOrder(active);
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState(ordered[0]?.unit.id ?? "");
  const [list, setList] = useState("");
  const [listParentId, setListParentId] = useState(ordered[0]?.unit.id ?? "");
  const [message, setMessage] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const done = (text: string) => {
    setEditing(null);
    setMessage({ text, isError: false });
    router.refresh();
  };

  /** The form field the last refusal is about (the name typed, or the list pasted), marked and focused. */
  const [fieldError, setFieldError] = useState<{ field: UnitFormField; message: string } | null>(null);
  const errorOf = (field: UnitFormField) => (fieldError?.field === field ? fieldError.message : undefined);

  /** `field`: the form's text field, which the server's refusal is about. */
  const run = async (action: () => Promise<string>, field?: UnitFormField) => {
    setMessage(null);
    setFieldError(null);
    try {
      setMessage({ text: await action(), isError: false });
      router.refresh();
    } catch (error) {
      const text = messageOf(error);
      if (field && error instanceof ApiError && error.status !== OFFLINE_STATUS) {
        setFieldError({ field, message: text });
        // The message is read with the field the keyboard is put back on.
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[name="${field}"]`)?.focus());
      } else {
        setMessage({ text, isError: true });
      }
    }
  };

  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title" ref={heading} tabIndex={-1}>
        单位（{active.length} 个）
      </h2>
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">报告公布截止（次年 月-日）</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((entry) => (
            <tr key={entry.unit.id}>
              <td style={{ paddingLeft: `${8 + entry.depth * 20}px` }}>{entry.unit.name}</td>
              <td>
                <DeadlineInput unit={entry.unit} onSaved={() => router.refresh()} />
              </td>
              <td className="actions">
                <button
                  type="button"
                  aria-label={`改名：${entry.unit.name}`}
                  onClick={() => setEditing({ kind: "rename", unit: entry.unit })}
                >
                  改名
                </button>
                <button
                  type="button"
                  aria-label={`移动：${entry.unit.name}`}
                  onClick={() => setEditing({ kind: "move", unit: entry.unit })}
                >
                  移动
                </button>
                <button
                  type="button"
                  aria-label={`移除：${entry.unit.name}`}
                  onClick={() => setEditing({ kind: "remove", unit: entry.unit })}
                >
                  移除
                </button>
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
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await callApi("/api/units", { method: "POST", json: { name, parentId: parentId || null } });
            setName("");
            return `已添加单位“${name.trim()}”`;
          }, "unit-name");
        }}
      >
        <label>
          新单位名称
          <input
            name="unit-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="如：县财政局"
            {...invalidFieldProps("unit-name", errorOf("unit-name"))}
          />
        </label>
        <FieldError name="unit-name" message={errorOf("unit-name")} />
        <UnitSelect label="上级单位" units={ordered} value={parentId} onChange={setParentId} />
        <button type="submit">添加单位</button>
      </form>

      <form
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const { units: created, matched } = await callApi<{ units: Unit[]; matched: Unit[] }>("/api/units", {
              method: "POST",
              json: { list, parentId: listParentId || null },
            });
            setList("");
            const found =
              matched.length > 0 ? `；${matched.map((unit) => `“${unit.name}”`).join("、")}已有，按名称对应，未重复建立` : "";
            return created.length === 0 ? `名单中的单位都已存在，没有新增${found}` : `已添加 ${created.length} 个单位${found}`;
          }, "unit-list");
        }}
      >
        <label className="text-field">
          <span className="text-field-label">粘贴单位名单</span>
          <span className="hint">
            每行一个单位，添加到下面所选的上级单位之下。用缩进（空格或 Tab）表示下级；或每行写“单位名称 Tab 上级单位名称”（可从
            Excel 复制两列）。名单中已有的单位（如本单位）按名称对应，不会重复建立。
          </span>
          <textarea
            name="unit-list"
            {...invalidFieldProps("unit-list", errorOf("unit-list"))}
            value={list}
            onChange={(event) => setList(event.target.value)}
            rows={6}
            placeholder={"县发展和改革局\n县财政局\n县卫生健康局\n    县人民医院\n易俗河镇"}
          />
        </label>
        <FieldError name="unit-list" message={errorOf("unit-list")} />
        <UnitSelect label="添加到" units={ordered} value={listParentId} onChange={setListParentId} />
        <button type="submit" disabled={list.trim() === ""}>
          按名单添加
        </button>
      </form>

      {archived.length > 0 && (
        <details className="archived-units">
          <summary>已归档的单位（{archived.length} 个）</summary>
          <p className="hint">已归档的单位不出现在选择列表和缺报统计中，其报告仍可由审核人和管理员查阅。</p>
          <ul>
            {archived.map((unit) => (
              <li key={unit.id}>
                {unit.name}{" "}
                <button
                  type="button"
                  aria-label={`恢复：${unit.name}`}
                  onClick={() =>
                    void run(async () => {
                      await callApi(`/api/units/${unit.id}`, { method: "PATCH", json: { archived: false } });
                      return `已恢复单位“${unit.name}”`;
                    })
                  }
                >
                  恢复
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}

      <ModalDialog
        open={editing !== null}
        title={editing === null ? "" : `${{ rename: "改名", move: "移动", remove: "移除" }[editing.kind]}：${editing.unit.name}`}
        onClose={() => setEditing(null)}
        fallbackFocus={() => heading.current}
      >
        {editing?.kind === "rename" && <RenameForm unit={editing.unit} onDone={done} onCancel={() => setEditing(null)} />}
        {editing?.kind === "move" && (
          <MoveForm unit={editing.unit} units={active} onDone={done} onCancel={() => setEditing(null)} />
        )}
        {editing?.kind === "remove" && <RemoveForm unit={editing.unit} onDone={done} onCancel={() => setEditing(null)} />}
      </ModalDialog>
    </section>
  );
}

/** A labelled choice of the units in use; `noneLabel`: an empty first choice (a top unit). */
export function UnitSelect({
  label,
  className,
  noneLabel = "（无，作为顶层单位）",
  units,
  value,
  onChange,
  describedBy,
  name,
  error,
}: {
  label: string;
  className?: string;
  noneLabel?: string | null;
  units: { unit: Unit; depth: number }[];
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  /** A field of its own form: its error (from the server) is shown after it and tied to it. */
  name?: string;
  error?: string;
}) {
  return (
    <>
      <label className={className}>
        {label}
        <select
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={describedBy ? true : undefined}
          aria-describedby={describedBy}
          {...(name ? invalidFieldProps(name, error) : {})}
        >
          {noneLabel !== null && <option value="">{noneLabel}</option>}
          {units.map((entry) => (
            <option key={entry.unit.id} value={entry.unit.id}>
              {indentedName(entry)}
            </option>
          ))}
        </select>
      </label>
      {name && <FieldError name={name} message={error} />}
    </>
  );
}

type FormProps = { unit: Unit; onDone: (message: string) => void; onCancel: () => void };

function RenameForm({ unit, onDone, onCancel }: FormProps) {
  const [value, setValue] = useState(unit.name);
  return (
    <DialogForm
      submitLabel="改名"
      onCancel={onCancel}
      submit={async () => {
        const { unit: renamed } = await callApi<{ unit: Unit }>(`/api/units/${unit.id}`, {
          method: "PATCH",
          json: { name: value },
        });
        onDone(`已把“${unit.name}”改名为“${renamed.name}”`);
      }}
    >
      {(errorId) => (
        <label className="field">
          新名称
          <input
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={errorId ? true : undefined}
            aria-describedby={errorId}
          />
        </label>
      )}
    </DialogForm>
  );
}

function MoveForm({ unit, units, onDone, onCancel }: FormProps & { units: Unit[] }) {
  // Never under itself or anything below it.
  const below = new Set(unitWithDescendants(units, unit.id));
  const choices = unitsInTreeOrder(units).filter((entry) => !below.has(entry.unit.id));
  const [parentId, setParentId] = useState(unit.parentId ?? "");
  return (
    <DialogForm
      submitLabel="移动"
      onCancel={onCancel}
      submit={async () => {
        await callApi(`/api/units/${unit.id}`, { method: "PATCH", json: { parentId: parentId || null } });
        const target = units.find((candidate) => candidate.id === parentId);
        onDone(`已把“${unit.name}”移到${target ? `“${target.name}”下` : "顶层"}`);
      }}
    >
      {(errorId) => (
        <UnitSelect
          label="新的上级单位（连同其下级单位一起移动）"
          className="field"
          units={choices}
          value={parentId}
          onChange={setParentId}
          describedBy={errorId}
        />
      )}
    </DialogForm>
  );
}

function RemoveForm({ unit, onDone, onCancel }: FormProps) {
  return (
    <DialogForm
      submitLabel="移除"
      onCancel={onCancel}
      submit={async () => {
        const result = await callApi<{ outcome: "deleted" | "archived"; reportCount: number }>(`/api/units/${unit.id}`, {
          method: "DELETE",
        });
        onDone(
          result.outcome === "deleted"
            ? `已删除单位“${unit.name}”`
            : `单位“${unit.name}”已归档：它的 ${result.reportCount} 份报告仍可查阅，不再出现在选择列表和缺报统计中`,
        );
      }}
    >
      {() => (
        <p>
          没有报告和账号的单位将被删除。有报告或账号的单位不会删除，而是归档：不再出现在选择列表和审核总览的缺报中，
          其报告仍可由审核人和管理员查阅，之后可以恢复。单位下还有单位或可用的账号时，请先移走或停用。
        </p>
      )}
    </DialogForm>
  );
}

function DeadlineInput({ unit, onSaved }: { unit: Unit; onSaved: () => void }) {
  const [value, setValue] = useState(unit.deadline);
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <input
        aria-label={`${unit.name}的截止日期`}
        value={value}
        size={6}
        onChange={(event) => setValue(event.target.value)}
        onBlur={async () => {
          if (value === unit.deadline) return;
          try {
            await callApi(`/api/units/${unit.id}`, { method: "PATCH", json: { deadline: value.trim() } });
            setError(null);
            onSaved();
          } catch (failure) {
            setError(messageOf(failure));
          }
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}
