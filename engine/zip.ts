/**
 * Finds the ZIP code in a customer text: a 5-digit number (ZIP+4 cut to five) that is not a
 * house number, part of a phone number, a price or a quantity.
 */

const NUMBER = /\d+(?:-\d+)*/gu;

/** Words after a number that make it a quantity or a price, not a ZIP code. */
const UNIT_AFTER = new Set([
  'gal', 'gallon', 'gallons', 'psi', 'btu', 'btus', 'dollars', 'bucks', 'usd', 'k', 'sq', 'sqft',
  'ft', 'feet', 'square', 'miles', 'mi', 'lb', 'lbs', 'years', 'yrs', 'hours', 'hrs', 'minutes',
  'mins', 'watts', 'volts', 'am', 'pm', 'times', 'degrees', 'dollar', 'cents', 'pesos',
]);

/** Words before a number that make it an amount of money, not a ZIP code. */
const MONEY_BEFORE = /\b(?:spend|spent|pay|paid|paying|cost|costs|costing|quoted?|charged?|charging|price[ds]?|budget|owe|bid|estimate[ds]?|over|under|about|around|almost|nearly)\s*$/iu;

/** Street-name suffixes: a number a few words before one of them is a house number. */
const STREET_SUFFIX = new Set([
  'st', 'street', 'ave', 'avenue', 'av', 'rd', 'road', 'ln', 'lane', 'blvd', 'boulevard', 'dr',
  'drive', 'ct', 'court', 'way', 'pl', 'place', 'cir', 'circle', 'pkwy', 'parkway', 'hwy',
  'highway', 'ter', 'terrace', 'trl', 'trail', 'loop', 'bend', 'row', 'sq', 'pike', 'run',
  'crossing', 'xing', 'path', 'alley', 'aly', 'cove', 'cv', 'pt', 'point', 'calle', 'avenida',
]);

/** State codes and names that mark the number after them as a ZIP code. */
const STATE_MARK = /\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]|Texas|Florida|California|Colorado|Washington|Illinois|Ohio|Georgia|Arizona|Oregon|Nevada|Utah|New York|Michigan|Minnesota|Virginia|Tennessee)\.?,?\s*$/iu;

interface Candidate {
  zip: string;
  marked: boolean;
}

/** Returns the ZIP code written in the text, or null. */
export function findZip(text: string): string | null {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const candidate = readCandidate(text, match[0], match.index ?? 0);
    if (candidate) candidates.push(candidate);
  }
  const marked = candidates.find((candidate) => candidate.marked);
  return (marked ?? candidates.at(-1))?.zip ?? null;
}

function readCandidate(text: string, number: string, index: number): Candidate | null {
  const zipShape = /^(\d{5})(?:-(\d{4}))?$/u.exec(number);
  if (!zipShape) return null;

  const before = text.slice(Math.max(0, index - 40), index);
  const after = text.slice(index + number.length, index + number.length + 40);
  if (/[$#€£]\s*$|\d[\s.)-]*$|[\p{L}]$/u.test(before)) return null;
  if (MONEY_BEFORE.test(before)) return null;
  if (/^(?:[.,]\d|[\p{L}%])/u.test(after)) return null;
  if (/^[\s.)-]*\d/u.test(after)) return null;

  const wordsAfter = after.toLowerCase().match(/[a-z]+|[,;.]/gu) ?? [];
  if (UNIT_AFTER.has(wordsAfter[0] ?? '')) return null;
  if (isHouseNumber(wordsAfter)) return null;

  const marked = STATE_MARK.test(before) || /\bzip(?:\s*code)?\s*(?:is|:)?\s*$/iu.test(before);
  return { zip: zipShape[1], marked };
}

/** True when a street suffix follows within four words, with no comma before it. */
function isHouseNumber(wordsAfter: string[]): boolean {
  for (const word of wordsAfter.slice(0, 5)) {
    if (word === ',' || word === ';' || word === '.') return false;
    if (STREET_SUFFIX.has(word)) return true;
  }
  return false;
}
