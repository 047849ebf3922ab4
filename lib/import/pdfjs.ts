/**
 * pdf.js for Node, loaded without changing the process's built-ins.
 *
 * pdf.js's legacy build (the one meant for Node) carries core-js polyfills that replace
 * native built-ins for the whole process — Array.prototype.push, JSON.parse and
 * JSON.stringify among them — with JavaScript versions several times slower. Loaded in the
 * server, one import would slow every later save and request. Whatever it *replaces* is put
 * back at once; what it only *adds* (Promise.withResolvers and the like on Node 20) stays,
 * since pdf.js needs it and nothing else is affected.
 */

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

// Every built-in the polyfills are known to touch, and their neighbours.
const intrinsics = (): object[] => {
  const list: object[] = [globalThis, JSON, Math, Reflect, Object, Function, Array, String, Number, Boolean];
  list.push(Symbol, Promise, RegExp, Date, Error, Map, Set, WeakMap, WeakSet, ArrayBuffer, DataView);
  list.push(Uint8Array, Object.getPrototypeOf(Uint8Array), URL, URLSearchParams);
  const constructors = list.filter((item): item is { prototype: object } => typeof item === "function");
  return [...list, ...constructors.map((item) => item.prototype).filter(Boolean)];
};

const snapshot = (): Map<object, Map<PropertyKey, PropertyDescriptor>> =>
  new Map(
    intrinsics().map((target) => [
      target,
      new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!])),
    ]),
  );

const same = (a: PropertyDescriptor, b: PropertyDescriptor): boolean =>
  (a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value))) && a.get === b.get && a.set === b.set;

/** Puts back every property the snapshot held that has since been replaced; returns their names. */
export function restoreReplacedBuiltins(before: Map<object, Map<PropertyKey, PropertyDescriptor>>): string[] {
  const restored: string[] = [];
  for (const [target, properties] of before) {
    for (const [key, descriptor] of properties) {
      const now = Object.getOwnPropertyDescriptor(target, key);
      if (now && same(descriptor, now)) continue;
      if (now && !now.configurable && !now.writable) continue;
      Object.defineProperty(target, key, descriptor);
      restored.push(String(key));
    }
  }
  return restored;
}

let loading: Promise<PdfJs> | undefined;

/** The pdf.js library with its worker loaded in-process (Node has no web worker), built-ins intact. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const before = snapshot();
    try {
      const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
      // Load the worker now, inside the guard: pdf.js would otherwise import it (and its own
      // polyfills) at the first document. It registers itself as globalThis.pdfjsWorker.
      await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
      return pdfjs;
    } finally {
      restoreReplacedBuiltins(before);
    }
  })();
  return loading;
}

/** For tests: the same snapshot the loader takes. */
export const snapshotBuiltins = snapshot;
