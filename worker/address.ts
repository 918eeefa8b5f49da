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

/**
 * Pronouns and verbs that start or carry a clause ("I smell gas", "water pouring in"): words
 * after the street that contain one of these are a sentence, not a city.
 */
// prettier-ignore
const CLAUSE_WORDS = new Set([
  'i', "i'm", 'im', 'we', "we're", 'you', 'he', 'she', 'they', 'it', 'my', 'our', 'me', 'us',
  'your', 'this', 'that', 'there', 'a', 'an', 'am', 'is', 'be', 'been', 'was', 'were', 'are', 'has',
  'have', 'had', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'need', 'needs', 'call',
  'come', 'get', 'got', 'smell', 'smells', 'smelled', 'leak', 'leaks', 'leaked', 'leaking',
  'pour', 'pours', 'poured', 'pouring', 'burst', 'flood', 'flooded', 'flooding', 'gave', 'give',
  'sent', 'said', 'told',
]);

/** The most words a city name or a street without a suffix is read to have. */
const MAX_CITY_WORDS = 3;
const MAX_BARE_STREET_WORDS = 5;

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

/**
 * Returns the state a token names. A two-letter code counts only before a ZIP code, or at the
 * end of the text when typed in capitals, so "gas in the kitchen" never reads as Indiana; a
 * full name counts unless another word follows it.
 */
function stateAt(tokens: Token[], index: number): string | null {
  const token = tokens[index];
  if (!token || token.kind !== 'word') return null;
  const next = tokens[index + 1];
  const upper = token.text.toUpperCase();
  if (STATE_CODES.has(upper) && token.text.length === 2) {
    if (isZip(next)) return upper;
    const endsText = tokens.slice(index + 1).every((rest) => rest.kind === 'mark');
    return endsText && token.text === upper ? upper : null;
  }
  const name = STATE_NAMES[token.lower];
  return name && (!next || next.kind !== 'word') ? name : null;
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

/**
 * Reads the city, state and ZIP code after the street. A city is kept only when it looks like a
 * place name: up to three words with no pronoun or verb, followed by a state or ZIP code, or
 * else capitalised (or led by "in") and ending the sentence.
 */
function readPlace(tokens: Token[], from: number): Pick<Address, 'city' | 'state' | 'zip'> {
  let index = from;
  let ledByIn = false;
  // A period here ends an abbreviation ("St."), and "in" leads a city ("in Evanston").
  while (
    tokens[index]?.text === ',' ||
    tokens[index]?.text === '.' ||
    tokens[index]?.lower === 'in'
  ) {
    if (tokens[index].lower === 'in') ledByIn = true;
    index += 1;
  }

  const cityStart = index;
  const cityWords: Token[] = [];
  while (index < tokens.length && cityWords.length < MAX_CITY_WORDS) {
    const token = tokens[index];
    if (token.kind !== 'word' || AFTER_CITY.has(token.lower)) break;
    if (cityWords.length > 0 && stateAt(tokens, index)) break;
    cityWords.push(token);
    index += 1;
  }
  const cityEnd = index;
  const place = readStateZip(tokens, cityEnd);
  if (cityWords.length > 0 && isPlaceName(cityWords, tokens[cityEnd], place, ledByIn)) {
    return { city: titleCase(cityWords.map((word) => word.text).join(' ')), ...place };
  }
  return { city: null, ...readStateZip(tokens, cityStart) };
}

function readStateZip(tokens: Token[], from: number): Pick<Address, 'state' | 'zip'> {
  let index = from;
  while (tokens[index]?.text === ',') index += 1;
  const state = stateAt(tokens, index);
  if (state) index += 1;
  while (tokens[index]?.text === ',') index += 1;
  const zip = isZip(tokens[index]) ? tokens[index].text.slice(0, 5) : null;
  return { state, zip };
}

function isPlaceName(
  words: Token[],
  next: Token | undefined,
  after: Pick<Address, 'state' | 'zip'>,
  ledByIn: boolean,
): boolean {
  if (words.some((word) => CLAUSE_WORDS.has(word.lower))) return false;
  if (after.state || after.zip) return true;
  const endsSentence = !next || next.kind === 'mark' || AFTER_CITY.has(next.lower);
  const capitalised = words.every((word) => /^\p{Lu}/u.test(word.text));
  const verbLike = words.some((word) => /ing$/u.test(word.lower));
  return endsSentence && !verbLike && (capitalised || ledByIn);
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

/**
 * Reads a reply to "what's the street address?". Besides what `parseAddress` reads, it takes a
 * house number followed by up to five words as the street even without a suffix ("2100 N
 * Lincoln Park W", "1060 W Addison"), unless a pronoun or verb shows the words are a sentence.
 * `knownCity` (the city of a ZIP code given earlier) is split off the end of such a street.
 */
export function parseAddressReply(text: string, knownCity: string | null = null): Address | null {
  const address = parseAddress(text);
  if (address) return address;

  const tokens = tokenize(text);
  for (let start = 0; start < tokens.length; start += 1) {
    if (!isHouseNumber(tokens[start]) || tokens[start].text.length < 2) continue;
    const end = replyStreetEnd(tokens, start);
    if (end < 0) continue;

    const cityLength = trailingCityLength(tokens, start, end, knownCity);
    const streetEnd = end - cityLength;
    const street = formatStreet(tokens.slice(start, streetEnd + 1));
    const { unit, next } = readUnit(tokens, streetEnd + 1);
    if (cityLength > 0) {
      const place = readStateZip(tokens, end + 1);
      return { street, unit, city: titleCase(knownCity!), ...place };
    }
    return { street, unit, ...readPlace(tokens, next) };
  }
  return null;
}

/**
 * Returns the last token of a suffix-less street that ends at punctuation, a unit, a state, a ZIP
 * code or the end of the text, or -1 when the words after the number read as a sentence.
 */
function replyStreetEnd(tokens: Token[], start: number): number {
  let index = start + 1;
  while (index < tokens.length && index - start <= MAX_BARE_STREET_WORDS) {
    const token = tokens[index];
    if (token.kind === 'word' && CLAUSE_WORDS.has(token.lower)) return -1;
    if (token.kind !== 'word' || UNIT_WORDS.has(token.lower) || AFTER_CITY.has(token.lower)) break;
    if (index > start + 1 && stateAt(tokens, index)) break;
    index += 1;
  }
  const token = tokens[index];
  const endsStreet =
    !token ||
    token.kind === 'mark' ||
    isZip(token) ||
    (token.kind === 'word' && (UNIT_WORDS.has(token.lower) || AFTER_CITY.has(token.lower))) ||
    stateAt(tokens, index) !== null ||
    (token.kind === 'number' && token.text.startsWith('#'));
  return endsStreet && index > start + 1 ? index - 1 : -1;
}

/** Returns how many words at the end of the street spell `knownCity`, or 0. */
function trailingCityLength(
  tokens: Token[],
  start: number,
  end: number,
  knownCity: string | null,
): number {
  const cityWords = knownCity?.toLowerCase().split(/\s+/u).filter(Boolean) ?? [];
  const length = cityWords.length;
  if (length === 0 || end - length < start + 1) return 0;
  const tail = tokens.slice(end - length + 1, end + 1).map((token) => token.lower);
  return tail.join(' ') === cityWords.join(' ') ? length : 0;
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
