import type { CellKind } from "@/lib/format";

/** A key figure beyond ×5 or below ×0.2 of last year's is a jump (trend.jump). */
export const TREND_FACTOR = 5;

/**
 * Below these a change is noise (1 → 6 requests): one of the two years must reach the floor
 * for a jump, and last year must reach it for a fall to 0 (trend.zero).
 */
export const TREND_FLOORS: Readonly<Record<CellKind, number>> = { count: 30, amount: 10 };
