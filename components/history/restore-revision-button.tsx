"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, callApi } from "@/components/ui/api-client";

export function RestoreRevisionButton({ reportId, revision, baseRevision }: { reportId: string; revision: number; baseRevision: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await callApi(`/api/reports/${reportId}/revisions/${revision}/restore`, { method: "POST", json: { baseRevision } });
            router.push(`/reports/${reportId}`);
          } catch (error) {
            setMessage(error instanceof ApiError ? error.message : String(error));
            setBusy(false);
          }
        }}
      >
        恢复到第 {revision} 版
      </button>
      {message && <span role="alert" className="field-error">{message}</span>}
    </>
  );
}
