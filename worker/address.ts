/**
 * Reads a US street address out of a customer's text, e.g. "it's 45 W Lake St apt 3 chicago
 * 60601". Pure: no I/O, no Node-only imports.
 */

export interface Address {
  /** House number and street, e.g. "45 W Lake St". */
  street: string;
  /** Apartment, unit or suite, e.g. "Apt 3", or null. */
  unit: string | null;
  city: string | null;
  /** Two-letter state code, e.g. "IL", or null. */
  state: string | null;
  zip: string | null;
}

// prettier-ignore
const STREET_SUFFIXES = new Set([
  'st', 'street', 'ave', 'avenue', 'av', 'rd', 'road', 'ln', 'lane', 'blvd', 'boulevard', 'dr',
  'drive', 'ct', 'court', 'way', 'pl', 'place', 'cir', 'circle', 'pkwy', 'parkway', 'hwy',
  'highway', 'ter', 'terrace', 'trl', 'trail', 'loop', 'bend', 'row', 'sq', 'square', 'pike',
  'run', 'crossing', 'xing', 'path', 'alley', 'aly', 'cove', 'cv', 'pt', 'point', 'broadway',
]);

const DIRECTIONS = new Set([
  'n',
  's',
  'e',
  'w',
  'ne',
  'nw',
  'se',
  'sw',
  'north',
  'south',
  'east',
  'west',
]);
const UNIT_WORDS = new Set([
  'apt',
  'apartment',
  'unit',
  'suite',
  'ste',
  'fl',
  'floor',
  'rm',
  'room',
]);

// prettier-ignore
const STATE_CODES = new Set([
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA',
  'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM',
  'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA',
  'WV', 'WI', 'WY',
]);

// prettier-ignore
const STATE_NAMES: Record<string, string> = {
  illinois: 'IL', indiana: 'IN', wisconsin: 'WI', michigan: 'MI', ohio: 'OH', iowa: 'IA',
  minnesota: 'MN', missouri: 'MO', texas: 'TX', california: 'CA', florida: 'FL', georgia: 'GA',
  washington: 'WA', oregon: 'OR', colorado: 'CO', arizona: 'AZ', nevada: 'NV', utah: 'UT',
  tennessee: 'TN', kentucky: 'KY', virginia: 'VA', pennsylvania: 'PA', massachusetts: 'MA',
};

/** Words that end a city name: "chicago please", "evanston thanks". */
const AFTER_CITY = new Set([
  'please',
  'thanks',
  'thank',
  'and',
  'but',
  'its',
  "it's",
  'is',
  'the',
  'zip',
]);

interface Token {
  text: string;
  lower: string;
  kind: 'word' | 'number' | 'mark';
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  for (const [text] of value.matchAll(/#?\d+(?:-\d+)?[a-z]{0,2}|[\p{L}][\p{L}']*|[,;.!?]/giu)) {
    const kind = /^#?\d/u.test(text) ? 'number' : /^[\p{L}]/u.test(text) ? 'word' : 'mark';
    tokens.push({ text, lower: text.toLowerCase(), kind });
  }
  return tokens;
}

const isZip = (token: Token | undefined) =>
  token?.kind === 'number' && /^\d{5}(?:-\d{4})?$/u.test(token.text);
const isHouseNumber = (token: Token) =>
  token.kind === 'number' && /^\d{1,6}[a-z]?$/iu.test(token.text);

function stateOf(token: Token | undefined): string | null {
  if (!token || token.kind !== 'word') return null;
  const upper = token.text.toUpperCase();
  if (STATE_CODES.has(upper)) return upper;
  return STATE_NAMES[token.lower] ?? null;
}

/** Returns the index of the street's last token, or -1 when no street follows the number. */
function streetEnd(tokens: Token[], start: number): number {
  for (let index = start + 1; index < Math.min(tokens.length, start + 7); index += 1) {
    const token = tokens[index];
    if (token.kind === 'mark') break;
    if (index > start + 1 && STREET_SUFFIXES.has(token.lower)) {
      const next = tokens[index + 1];
      return next && DIRECTIONS.has(next.lower) ? index + 1 : index;
    }
    if (index === start + 1 && token.lower === 'broadway') return index;
  }
  return -1;
}

/** Returns the end of a suffix-less street ("1420 Sheridan, 60601"), only before a comma or ZIP. */
function bareStreetEnd(tokens: Token[], start: number): number {
  if (tokens[start].text.replace(/\D/gu, '').length < 2) return -1;
  for (let index = start + 1; index < Math.min(tokens.length, start + 5); index += 1) {
    const token = tokens[index];
    if (token.kind === 'word') continue;
    const endsStreet = (token.text === ',' || isZip(token)) && index > start + 1;
    return endsStreet ? index - 1 : -1;
  }
  return -1;
}

function readUnit(tokens: Token[], from: number): { unit: string | null; next: number } {
  const index = tokens[from]?.text === '.' ? from + 1 : from;
  const token = tokens[index];
  if (token?.kind === 'number' && token.text.startsWith('#'))
    return { unit: token.text, next: index + 1 };
  const value = tokens[index + 1];
  if (token && UNIT_WORDS.has(token.lower) && value && value.kind !== 'mark') {
    return { unit: `${titleCase(token.text)} ${value.text.replace(/^#/u, '')}`, next: index + 2 };
  }
  return { unit: null, next: from };
}

function readPlace(tokens: Token[], from: number): Pick<Address, 'city' | 'state' | 'zip'> {
  let index = from;
  // A period here ends an abbreviation ("St."), and "in" leads a city ("in Evanston").
  while (
    tokens[index]?.text === ',' ||
    tokens[index]?.text === '.' ||
    tokens[index]?.lower === 'in'
  )
    index += 1;

  const cityWords: string[] = [];
  while (index < tokens.length && cityWords.length < 3) {
    const token = tokens[index];
    if (token.kind !== 'word' || AFTER_CITY.has(token.lower)) break;
    const state = stateOf(token);
    const next = tokens[index + 1];
    if (state && cityWords.length > 0 && (!next || next.kind !== 'word' || isZip(next))) break;
    cityWords.push(token.text);
    index += 1;
  }
  while (tokens[index]?.text === ',') index += 1;
  const state = stateOf(tokens[index]);
  if (state) index += 1;
  while (tokens[index]?.text === ',') index += 1;
  const zip = isZip(tokens[index]) ? tokens[index].text.slice(0, 5) : null;

  const city = cityWords.length > 0 ? titleCase(cityWords.join(' ')) : null;
  return { city, state, zip };
}

/** Returns the first street address in the text, or null when there is none. */
export function parseAddress(text: string): Address | null {
  const tokens = tokenize(text);
  for (let start = 0; start < tokens.length; start += 1) {
    if (!isHouseNumber(tokens[start])) continue;
    let end = streetEnd(tokens, start);
    if (end < 0) end = bareStreetEnd(tokens, start);
    if (end < 0) continue;

    const street = formatStreet(tokens.slice(start, end + 1));
    const { unit, next } = readUnit(tokens, end + 1);
    const place = readPlace(tokens, next);
    return { street, unit, ...place };
  }
  return null;
}

/** Formats an address on one line, e.g. "45 W Lake St Apt 3, Chicago, IL 60601". */
export function formatAddress(address: Address): string {
  const street = address.unit ? `${address.street} ${address.unit}` : address.street;
  const stateZip = [address.state, address.zip].filter(Boolean).join(' ');
  return [street, address.city, stateZip].filter(Boolean).join(', ');
}

function formatStreet(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.kind === 'number') return token.text.toLowerCase();
      if (DIRECTIONS.has(token.lower) && token.lower.length <= 2) return token.text.toUpperCase();
      return titleCase(token.text);
    })
    .join(' ');
}

function titleCase(words: string): string {
  return words.replace(
    /[\p{L}][\p{L}'.]*/gu,
    (word) => word[0].toUpperCase() + word.slice(1).toLowerCase(),
  );
}
