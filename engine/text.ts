/**
 * Splits a customer text into sentences and clauses of normalised words, so phrase lists match
 * regardless of case, accents, punctuation, apostrophes and the misspellings listed in
 * rules/phrases.json.
 */

/** A run of words with no clause break inside: the scope of a negation. */
export interface Clause {
  sentence: number;
  words: string[];
}

/** A customer text after normalisation. */
export interface NormalisedText {
  original: string;
  clauses: Clause[];
  /** All words, clause after clause, joined by spaces: what explanations show. */
  text: string;
}

const SENTENCE_BREAK = /[.!?;\n\r¿¡…]+/u;
const CLAUSE_BREAK = /[,:()[\]{}"“”]+|\s[-–—]+\s|\s[-–—]+$|^[-–—]+\s/u;
const WORD = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;
const APOSTROPHE = /['’‘`´]/gu;
const COMBINING_MARK = /\p{M}+/gu;

/** Words that join two clauses; they break negation scope and are dropped. */
// prettier-ignore
const CLAUSE_JOINERS = new Set([
  'and', 'but', 'also', 'plus', 'though', 'although', 'however', 'y', 'pero', 'aunque',
]);

/** Words whose `'s` is a contraction to keep (`it's` stays `its`), not a possessive to drop. */
// prettier-ignore
const CONTRACTED_S = new Set([
  'it', 'that', 'there', 'what', 'he', 'she', 'who', 'here', 'where', 'let', 'how',
]);
const APOSTROPHE_S = /([\p{L}]+)['’‘`´]s\b/giu;

/**
 * Lowercases and removes accents and apostrophes: `Won't` becomes `wont`, `inundó` `inundo`.
 * A possessive or `is` after a noun is dropped, so `salon's sink` reads `salon sink`.
 */
export function foldCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARK, '')
    .toLowerCase()
    .replace(APOSTROPHE_S, (whole, word: string) => (CONTRACTED_S.has(word) ? `${word}s` : word))
    .replace(APOSTROPHE, '');
}

const ELONGATED = /(\p{L})\1{2,}/gu;
const HAS_ELONGATION = /(\p{L})\1{2,}/u;

/**
 * Splits folded text into words, replacing misspelt words by their spelling-table entry. A
 * letter written three or more times is read twice, or once when that gives a known word:
 * `floooding` reads `flooding` and `stoppp` reads `stop`.
 */
export function splitWords(
  folded: string,
  spellings: ReadonlyMap<string, string[]>,
  knownWords: ReadonlySet<string> = new Set(),
): string[] {
  const words: string[] = [];
  for (const found of folded.match(WORD) ?? []) {
    const word = HAS_ELONGATION.test(found) ? shortenElongated(found, knownWords) : found;
    const corrected = spellings.get(word);
    if (corrected) words.push(...corrected);
    else words.push(word);
  }
  return words;
}

function shortenElongated(word: string, knownWords: ReadonlySet<string>): string {
  const twice = word.replace(ELONGATED, '$1$1');
  if (knownWords.has(twice)) return twice;
  const once = word.replace(ELONGATED, '$1');
  return knownWords.has(once) ? once : twice;
}

/** Normalises a text into clauses of words, keeping the sentence each clause belongs to. */
export function normaliseText(
  original: string,
  spellings: ReadonlyMap<string, string[]>,
  knownWords: ReadonlySet<string> = new Set(),
): NormalisedText {
  const clauses: Clause[] = [];
  const sentences = foldCase(original).split(SENTENCE_BREAK);

  sentences.forEach((sentence, index) => {
    for (const part of sentence.split(CLAUSE_BREAK)) {
      pushClauses(clauses, index, splitWords(part, spellings, knownWords));
    }
  });

  const text = clauses.map((clause) => clause.words.join(' ')).join(' | ');
  return { original, clauses, text };
}

function pushClauses(clauses: Clause[], sentence: number, words: string[]): void {
  let current: string[] = [];
  for (const word of words) {
    if (CLAUSE_JOINERS.has(word)) {
      if (current.length > 0) clauses.push({ sentence, words: current });
      current = [];
    } else {
      current.push(word);
    }
  }
  if (current.length > 0) clauses.push({ sentence, words: current });
}
