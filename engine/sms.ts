/**
 * SMS length: the encoding a text needs and the number of segments it is sent in. GSM-7 fits 160
 * characters in one segment and 153 per segment when split, and characters of the GSM extension
 * table (such as `€` and `[`) take two of those. Any other character forces UCS-2, which fits 70
 * UTF-16 units in one segment and 67 per segment when split.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  segments: number;
  /** Unicode characters (code points) in the text. */
  characters: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

/** Measures a text as an SMS. */
export function measureSms(text: string): SmsLength {
  const characters = [...text];
  const gsm = characters.every((c) => basic.has(c) || extension.has(c));
  if (gsm) {
    const septets = characters.map((c) => (extension.has(c) ? 2 : 1));
    const segments = countSegments(septets, 160, 153);
    return { encoding: 'GSM-7', segments, characters: characters.length };
  }
  const utf16Units = characters.map((c) => c.length);
  const segments = countSegments(utf16Units, 70, 67);
  return { encoding: 'UCS-2', segments, characters: characters.length };
}

/**
 * Counts segments when characters of the given sizes are packed in order. A character is never
 * split between segments (an escape pair or a surrogate pair stays whole), so a split message
 * can need one segment more than its length divided by the segment size.
 */
function countSegments(sizes: number[], single: number, perPart: number): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;

  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}
