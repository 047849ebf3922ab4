import type { CellId } from "@/lib/format";

/**
 * The one cell of a grid that Tab reaches from outside it (a roving tabindex): the cell last
 * focused, or the first cell that can be typed. Only the two cells whose turn changes re-render.
 */
export class RovingTabStop {
  private current: CellId;
  private readonly listeners = new Set<() => void>();

  constructor(first: CellId) {
    this.current = first;
  }

  readonly get = (): CellId => this.current;

  readonly set = (cellId: CellId): void => {
    if (cellId === this.current) return;
    this.current = cellId;
    for (const listener of this.listeners) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
