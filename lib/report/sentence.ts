/** Sentence-ending marks, full-width and half-width: a text ending in one needs no other. */
const SENTENCE_END = /[。！？!?.…；;]$/;

/** The text as a sentence that can have another written after it: “需更正” → “需更正。”, “需更正。” stays. */
export function withFullStop(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || SENTENCE_END.test(trimmed) ? trimmed : `${trimmed}。`;
}
