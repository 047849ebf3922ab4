"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, callApi } from "@/components/ui/api-client";
import type { Unit } from "@/lib/store/unit-store";
import { indentedName, unitsInTreeOrder } from "./unit-tree";

export function UnitsPanel({ units }: { units: Unit[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState(units[0]?.id ?? "");
  const [list, setList] = useState("");
  const [listParentId, setListParentId] = useState(units[0]?.id ?? "");
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const ordered = unitsInTreeOrder(units);

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
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">单位（{units.length} 个）</h2>
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">报告公布截止（次年 月-日）</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((entry) => (
            <tr key={entry.unit.id}>
              <td style={{ paddingLeft: `${8 + entry.depth * 20}px` }}>{entry.unit.name}</td>
              <td>
                <DeadlineInput unit={entry.unit} onSaved={() => router.refresh()} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await callApi("/api/units", { method: "POST", json: { name, parentId: parentId || null } });
            setName("");
            return `已添加单位“${name.trim()}”`;
          });
        }}
      >
        <label>
          新单位名称
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder="如：县财政局" />
        </label>
        <label>
          上级单位
          <select value={parentId} onChange={(event) => setParentId(event.target.value)}>
            <option value="">（无，作为顶层单位）</option>
            {ordered.map((entry) => (
              <option key={entry.unit.id} value={entry.unit.id}>
                {indentedName(entry)}
              </option>
            ))}
          </select>
        </label>
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
          });
        }}
      >
        <label className="text-field">
          <span className="text-field-label">粘贴单位名单</span>
          <span className="hint">
            每行一个单位，添加到下面所选的上级单位之下。用缩进（空格或 Tab）表示下级；或每行写“单位名称 Tab 上级单位名称”（可从
            Excel 复制两列）。名单中已有的单位（如本单位）按名称对应，不会重复建立。
          </span>
          <textarea
            value={list}
            onChange={(event) => setList(event.target.value)}
            rows={6}
            placeholder={"县发展和改革局\n县财政局\n县卫生健康局\n    县人民医院\n易俗河镇"}
          />
        </label>
        <label>
          添加到
          <select value={listParentId} onChange={(event) => setListParentId(event.target.value)}>
            <option value="">（无，作为顶层单位）</option>
            {ordered.map((entry) => (
              <option key={entry.unit.id} value={entry.unit.id}>
                {indentedName(entry)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={list.trim() === ""}>
          按名单添加
        </button>
      </form>
      {message && (
        <p role={message.isError ? "alert" : "status"} className={message.isError ? "alert" : "notice"}>
          {message.text}
        </p>
      )}
    </section>
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
            setError(failure instanceof ApiError ? failure.message : String(failure));
          }
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}
