/** One step staff can take back: a typed cell, a paste, a clear, a deleted or restored 小标题. */
export type UndoEntry = { label: string; undo: () => void; redo: () => void };

const MAX_STEPS = 200;

/** One linear history per report, as in a spreadsheet: a new step drops what was undone. */
export class UndoHistory {
  private done: UndoEntry[] = [];
  private undone: UndoEntry[] = [];

  push(entry: UndoEntry): void {
    this.done.push(entry);
    if (this.done.length > MAX_STEPS) this.done.shift();
    this.undone = [];
  }

  canUndo = (): boolean => this.done.length > 0;
  canRedo = (): boolean => this.undone.length > 0;

  /** The label of the step taken back, or null when there is none. */
  undo(): string | null {
    const entry = this.done.pop();
    if (!entry) return null;
    entry.undo();
    this.undone.push(entry);
    return entry.label;
  }

  redo(): string | null {
    const entry = this.undone.pop();
    if (!entry) return null;
    entry.redo();
    this.done.push(entry);
    return entry.label;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
