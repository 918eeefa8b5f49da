/**
 * Finds the ZIP code in a customer text: a 5-digit number (ZIP+4 cut to five) that is not a
 * house number, part of a phone number, a price or a quantity.
 */

const NUMBER = /\d+(?:-\d+)*/gu;
const ZIP_SHAPE = /^(\d{5})(?:-\d{4})?$/u;

/** Words after a number that make it a quantity or a price, not a ZIP code. */
// prettier-ignore
const UNIT_AFTER = new Set([
  'gal', 'gallon', 'gallons', 'psi', 'btu', 'btus', 'dollars', 'bucks', 'usd', 'k', 'sq', 'sqft',
  'ft', 'feet', 'square', 'miles', 'mi', 'lb', 'lbs', 'years', 'yrs', 'hours', 'hrs', 'minutes',
  'mins', 'watts', 'volts', 'am', 'pm', 'times', 'degrees', 'dollar', 'cents', 'pesos',
]);

/** Words before a number that make it an amount of money, not a ZIP code. */
// prettier-ignore
const MONEY_BEFORE = new Set([
  'spend', 'spent', 'pay', 'paid', 'paying', 'cost', 'costs', 'costing', 'quote', 'quoted',
  'charge', 'charged', 'charging', 'price', 'priced', 'prices', 'budget', 'owe', 'bid',
  'estimate', 'estimated', 'estimates', 'over', 'under', 'about', 'around', 'almost', 'nearly',
]);

/** Street-name suffixes: a number a few words before one of them is a house number. */
// prettier-ignore
const STREET_SUFFIX = new Set([
  'st', 'street', 'ave', 'avenue', 'av', 'rd', 'road', 'ln', 'lane', 'blvd', 'boulevard', 'dr',
  'drive', 'ct', 'court', 'way', 'pl', 'place', 'cir', 'circle', 'pkwy', 'parkway', 'hwy',
  'highway', 'ter', 'terrace', 'trl', 'trail', 'loop', 'bend', 'row', 'sq', 'pike', 'run',
  'crossing', 'xing', 'path', 'alley', 'aly', 'cove', 'cv', 'pt', 'point', 'calle', 'avenida',
]);

/** Two-letter USPS state codes, written in capitals before a ZIP code. */
const STATE_CODES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ ' +
    'NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'
  ).split(' '),
);

// prettier-ignore
const STATE_NAMES = [
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware',
  'florida', 'georgia', 'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky',
  'louisiana', 'maine', 'maryland', 'massachusetts', 'michigan', 'minnesota', 'mississippi',
  'missouri', 'montana', 'nebraska', 'nevada', 'new hampshire', 'new jersey', 'new mexico',
  'new york', 'north carolina', 'north dakota', 'ohio', 'oklahoma', 'oregon', 'pennsylvania',
  'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas', 'utah', 'vermont',
  'virginia', 'washington', 'west virginia', 'wisconsin', 'wyoming',
];

interface Candidate {
  zip: string;
  /** True when a state or the word "zip" comes right before the number. */
  marked: boolean;
}

/** Returns the ZIP code written in the text, or null; a number after a state wins. */
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
  const zip = ZIP_SHAPE.exec(number)?.[1];
  if (!zip) return null;

  const before = text.slice(Math.max(0, index - 40), index);
  const after = text.slice(index + number.length, index + number.length + 40);
  if (/[$#€£]\s*$|\d[\s.)-]*$|\p{L}$/u.test(before)) return null;
  if (/^(?:[.,]\d|[\p{L}%])/u.test(after) || /^[\s.)-]*\d/u.test(after)) return null;

  const wordBefore = /([\p{L}]+)[^\p{L}\d]*$/u.exec(before)?.[1] ?? '';
  if (MONEY_BEFORE.has(wordBefore.toLowerCase())) return null;

  const wordsAfter = after.toLowerCase().match(/[a-z]+|[,;.?!]/gu) ?? [];
  if (UNIT_AFTER.has(wordsAfter[0] ?? '') || isHouseNumber(wordsAfter)) return null;

  return { zip, marked: isMarked(before, wordBefore) };
}

/** True when a state, or `zip` / `zip code`, is written right before the number. */
function isMarked(before: string, wordBefore: string): boolean {
  if (STATE_CODES.has(wordBefore)) return true;
  const lower = before.toLowerCase().replace(/[^a-z]+$/u, '');
  if (/\bzip(?: ?code)?(?: is)?$/u.test(lower)) return true;
  return STATE_NAMES.some((name) => lower.endsWith(` ${name}`) || lower === name);
}

/** Punctuation that ends the words a street suffix is looked for in. */
const ADDRESS_BREAKS = new Set([',', ';', '.', '?', '!']);

/**
 * True when a street suffix follows within four words, with no comma or sentence end before it:
 * in "quote for 90210? we have 3500 sq ft" the `sq` belongs to the next sentence.
 */
function isHouseNumber(wordsAfter: string[]): boolean {
  for (const word of wordsAfter.slice(0, 5)) {
    if (ADDRESS_BREAKS.has(word)) return false;
    if (STREET_SUFFIX.has(word)) return true;
  }
  return false;
}
