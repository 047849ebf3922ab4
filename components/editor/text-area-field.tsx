"use client";

import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

type TextAreaFieldProps = {
  label: string;
  hint?: string;
  registration: UseFormRegisterReturn;
  value: string;
  isCarriedFromLastYear?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value">;

/** A narrative text area that keeps paragraphs, grows with its content and counts characters. */
export function TextAreaField({ label, hint, registration, value, isCarriedFromLastYear, ...rest }: TextAreaFieldProps) {
  const element = useRef<HTMLTextAreaElement | null>(null);
  useLayoutEffect(() => {
    const area = element.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  }, [value]);
  const { ref, ...field } = registration;
  return (
    <label className="text-field">
      <span className="text-field-label">
        {label}
        {isCarriedFromLastYear && <span className="badge badge-warning">沿用上年内容</span>}
      </span>
      {hint && <span className="hint">{hint}</span>}
      <textarea
        {...rest}
        {...field}
        ref={(node) => {
          ref(node);
          element.current = node;
        }}
        rows={4}
      />
      <span className="char-count">{[...value].length} 字</span>
    </label>
  );
}
