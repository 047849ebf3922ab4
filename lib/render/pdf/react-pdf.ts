import type { ComponentProps } from "react";

/**
 * react-pdf is loaded with a dynamic import, never a static one: it is ESM only, and
 * tsx (which runs the project's scripts) compiles TypeScript to CommonJS, where a
 * static import of it fails deep inside react-pdf. A dynamic import works under tsx,
 * vitest and Next.js alike.
 */
export type ReactPdf = typeof import("@react-pdf/renderer");

let loading: Promise<ReactPdf> | undefined;

export function loadReactPdf(): Promise<ReactPdf> {
  loading ??= import("@react-pdf/renderer");
  return loading;
}

/** One style object (the renderer package does not export its Style type). */
export type PdfStyle = Exclude<ComponentProps<ReactPdf["View"]>["style"], readonly unknown[] | undefined>;

export type DocumentProps = ComponentProps<ReactPdf["Document"]>;
