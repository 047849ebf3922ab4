"use client";

import { useState } from "react";
import { findCell } from "@/lib/format";
import { findReportFieldLabel } from "@/lib/report/report-fields";
import { type SaveStateStore, useSaveState } from "./use-autosave";

/** Where a conflict is, in staff's words: the cell's name, or the field's. */
function conflictPlace(path: readonly string[]): string {
  if (path[0] === "ledger" && path[1]) return findCell(path[1])?.name ?? path[1];
  return findReportFieldLabel(path.join(".")) ?? path.join(".");
}

const conflictValue = (value: unknown): string =>
  value === null || value === undefined || value === "" ? "（空白）" : typeof value === "string" ? value : JSON.stringify(value);

/**
 * A save that met changes made elsewhere to the same fields or cells: each is shown with both
 * values side by side, and nothing is discarded until staff choose. Without such a list (a save
 * that could not be merged), staff choose between the server's version and a copy of theirs.
 */
export function SaveConflictBanner({
  store,
  onSettle,
  onLoadServer,
  onKeepMine,
}: {
  store: SaveStateStore;
  onSettle: (keepMine: readonly boolean[]) => void;
  onLoadServer: () => void;
  onKeepMine: () => void;
}) {
  const state = useSaveState(store);
  const [keepMine, setKeepMine] = useState<Record<number, boolean>>({});
  if (state.kind !== "conflict") return null;
  if (state.conflicts.length > 0 && state.current) {
    return (
      <div role="alertdialog" aria-labelledby="conflict-title" className="banner banner-error">
        <h2 id="conflict-title">保存冲突</h2>
        <p>{state.message}。其余修改已合并；在您选择之前，本页的内容不会被覆盖，并已在本机保留。</p>
        <table className="conflict-table">
          <thead>
            <tr>
              <th scope="col">位置</th>
              <th scope="col">本页的内容</th>
              <th scope="col">服务器上的内容（别处保存）</th>
            </tr>
          </thead>
          <tbody>
            {state.conflicts.map((conflict, index) => {
              const place = conflictPlace(conflict.path);
              const isMine = keepMine[index] ?? true;
              return (
                <tr key={conflict.path.join("\u0001")}>
                  <th scope="row">{place}</th>
                  <td>
                    <label>
                      <input
                        type="radio"
                        name={`conflict-${index}`}
                        checked={isMine}
                        onChange={() => setKeepMine({ ...keepMine, [index]: true })}
                      />
                      保留本页的：<span className="conflict-value">{conflictValue(conflict.mine)}</span>
                    </label>
                  </td>
                  <td>
                    <label>
                      <input
                        type="radio"
                        name={`conflict-${index}`}
                        checked={!isMine}
                        onChange={() => setKeepMine({ ...keepMine, [index]: false })}
                      />
                      采用服务器上的：<span className="conflict-value">{conflictValue(conflict.theirs)}</span>
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => {
            onSettle(state.conflicts.map((_, index) => keepMine[index] ?? true));
            setKeepMine({});
          }}
        >
          按所选合并并保存
        </button>
        <button type="button" onClick={onKeepMine}>
          把本页的版本另存为副本
        </button>
      </div>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="conflict-title" className="banner banner-error">
      <h2 id="conflict-title">保存冲突</h2>
      <p>{state.message}。本页的修改没有覆盖服务器上的内容，已在本机保留。</p>
      <button type="button" onClick={onLoadServer}>
        载入服务器上的版本（放弃本页修改）
      </button>
      <button type="button" onClick={onKeepMine}>
        把本页的版本另存为副本
      </button>
    </div>
  );
}
