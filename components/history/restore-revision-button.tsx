"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, messageOf } from "@/components/ui/api-client";

/** Restoring asks once more, then writes the version as the newest one and opens the editor. */
export function RestoreRevisionButton({
  reportId,
  version,
  baseRevision,
}: {
  reportId: string;
  version: number;
  baseRevision: number;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    setBusy(true);
    try {
      await callApi(`/api/reports/${reportId}/versions/${version}/restore`, { method: "POST", json: { baseRevision } });
      router.push(`/reports/${reportId}?restored=${version}`);
    } catch (error) {
      setMessage(messageOf(error));
      setBusy(false);
    }
  };
  return (
    <div className="restore-box">
      {isConfirming ? (
        <p className="confirm" role="alertdialog" aria-label="确认恢复">
          用第 {version} 版替换当前内容？当前内容仍保留在历史版本中。
          <button type="button" className="danger" disabled={busy} onClick={() => void restore()}>
            确认恢复
          </button>
          <button type="button" onClick={() => setIsConfirming(false)}>
            取消
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setIsConfirming(true)}>
          恢复到第 {version} 版
        </button>
      )}
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
    </div>
  );
}
