"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { messageOf } from "./api-client";

/**
 * A modal dialog on the browser's own <dialog>: showModal moves focus in (to the first field, or
 * the element with autoFocus) and keeps it inside, Esc closes it, and on closing focus goes back
 * to what had it before — the button that opened it — or, when that is gone, to `fallbackFocus`.
 */
export function ModalDialog({
  open,
  title,
  onClose,
  children,
  fallbackFocus,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const fallbackRef = useRef(fallbackFocus);
  fallbackRef.current = fallbackFocus;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      closeRef.current();
      // After React has re-rendered what the action changed: the opener may have been replaced.
      requestAnimationFrame(() => {
        const target = opener.current?.isConnected ? opener.current : (fallbackRef.current?.() ?? null);
        target?.focus();
      });
    };
    dialog.addEventListener("close", closed);
    return () => dialog.removeEventListener("close", closed);
  }, []);

  return (
    <dialog ref={ref} className="modal-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {open && children}
    </dialog>
  );
}

/** A dialog's form: the request, its error shown and announced in the dialog, 取消 closes. */
export function DialogForm({
  submit,
  submitLabel,
  onCancel,
  children,
}: {
  submit: () => Promise<void>;
  submitLabel: string;
  onCancel: () => void;
  children: (errorId: string | undefined) => ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  return (
    <form
      className="stacked-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await submit();
        } catch (failure) {
          setError(messageOf(failure));
        } finally {
          setBusy(false);
        }
      }}
    >
      {children(error ? errorId : undefined)}
      {error && (
        <p id={errorId} role="alert" className="alert">
          {error}
        </p>
      )}
      <p className="dialog-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </p>
    </form>
  );
}
