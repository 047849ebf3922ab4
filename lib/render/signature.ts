/**
 * 落款 of a document without a seal, GB/T 9704-2012 7.3.5.2: the issuing organ one empty
 * line below the text, 右空二字; the date on the next line, its first character two
 * characters right of the name's first character; when the date is longer than that
 * allows, the date ends 右空二字 and the name moves left to keep the two characters.
 * A name longer than the line is broken between words into balanced lines, all starting
 * at the name's left edge. Positions are from the left edge of the 版心, in the unit of
 * `width` and `character`.
 */
import { balancedLines } from "./balanced-lines";

export type SignatureLayout = { nameLines: string[]; nameLeft: number; dateLeft: number };

export function signatureLayout(
  closing: { agencyName: string; date: string },
  { lineWidth, character, width }: { lineWidth: number; character: number; width: (text: string) => number },
): SignatureLayout {
  const rightEdge = lineWidth - 2 * character;
  const nameLines = balancedLines(closing.agencyName, rightEdge, width);
  const nameWidth = Math.max(...nameLines.map(width));
  let nameLeft = rightEdge - nameWidth;
  let dateLeft = nameLeft + 2 * character;
  const dateWidth = width(closing.date);
  if (dateLeft + dateWidth > rightEdge) {
    dateLeft = rightEdge - dateWidth;
    nameLeft = dateLeft - 2 * character;
  }
  return { nameLines, nameLeft: Math.max(0, nameLeft), dateLeft };
}
