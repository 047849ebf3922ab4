"use client";

import { type RefObject, useEffect } from "react";

/** A popup closes when the pointer goes down anywhere outside it. */
export function useOutsidePointerDown(box: RefObject<HTMLElement | null>, onOutside: () => void): void {
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) onOutside();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [box, onOutside]);
}
