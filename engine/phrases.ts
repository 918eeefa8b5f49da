/**
 * Phrase lists: compiling rules/phrases.json and finding its lists in a message, with each list's
 * exceptions and negation applied. See phrase-syntax.ts for how a phrase is written.
 */
import { buildPhraseIndex, type PhraseIndex, type RawMatch } from './phrase-index.js';
import { compilePhrase, spansOf, type CompiledPhrase } from './phrase-syntax.js';
import { foldCase, splitWords, type Clause } from './text.js';

/** How many words before a phrase a negator still negates it: `no` in `no sign of leaks`. */
const NEGATION_WINDOW = 3;
/** Words that do not count toward the negation window: `not just a sewer smell`. */
// prettier-ignore
const LIGHT_WORDS = new Set([
  'a', 'an', 'the', 'just', 'only', 'really', 'very', 'any', 'some', 'my', 'our', 'your',
  'even', 'so', 'too', 'quite', 'el', 'la', 'los', 'las', 'un', 'una',
]);

export interface CompiledList {
  name: string;
  phrases: CompiledPhrase[];
  /** Matches overlapping one of these are discarded: `stop by` for the opt-out list. */
  except: CompiledPhrase[];
  /** When true, a negator before a phrase does not cancel it (`no hot water` is a heater job). */
  ignoresNegation: boolean;
}

/** One place a phrase list matched. */
export interface PhraseMatch {
  list: string;
  phrase: string;
  clause: number;
  sentence: number;
  start: number;
  end: number;
  negated: boolean;
}

/** The phrase list file, compiled: spellings, negators and lists. */
export interface Lexicon {
  spellings: ReadonlyMap<string, string[]>;
  /** Every word the phrase lists and spellings use, to resolve stretched words like `stoppp`. */
  knownWords: ReadonlySet<string>;
  negators: ReadonlySet<string>;
  /** Words that turn a negator into a hedge: `not sure` does not negate what follows. */
  hedges: ReadonlySet<string>;
  lists: ReadonlyMap<string, CompiledList>;
  /** Every phrase of every list by its first word. */
  index: PhraseIndex;
}

/** The shape of rules/phrases.json, as its schema defines it. */
export interface PhraseFile {
  spellings?: Record<string, string>;
  negators?: string[];
  hedges?: string[];
  lists: Record<string, { phrases: string[]; except?: string[]; ignoresNegation?: boolean }>;
}

/** Compiles rules/phrases.json; the file must already have passed its schema. */
export function compileLexicon(file: PhraseFile): Lexicon {
  const spellings = new Map<string, string[]>();
  for (const [misspelt, correct] of Object.entries(file.spellings ?? {})) {
    spellings.set(foldCase(misspelt), splitWords(foldCase(correct), new Map()));
  }

  const lists = new Map<string, CompiledList>();
  for (const [name, list] of Object.entries(file.lists)) {
    lists.set(name, {
      name,
      phrases: list.phrases.map((phrase) => compilePhrase(phrase, spellings)),
      except: (list.except ?? []).map((phrase) => compilePhrase(phrase, spellings)),
      ignoresNegation: list.ignoresNegation ?? false,
    });
  }

  const foldAll = (words: string[] | undefined) => new Set((words ?? []).map(foldCase));
  return {
    spellings,
    knownWords: wordsOf(lists, spellings),
    negators: foldAll(file.negators),
    hedges: foldAll(file.hedges),
    lists,
    index: buildPhraseIndex(lists.values()),
  };
}

function wordsOf(lists: Map<string, CompiledList>, spellings: Map<string, string[]>) {
  const words = new Set<string>([...spellings.keys(), ...[...spellings.values()].flat()]);
  for (const list of lists.values()) {
    for (const phrase of [...list.phrases, ...list.except]) {
      for (const part of phrase.parts) if (part.kind !== 'gap') words.add(part.text);
    }
  }
  return words;
}

/**
 * Turns the raw matches of one list into phrase matches: drops those overlapping an exception
 * and marks the negated ones.
 */
export function resolveMatches(
  list: CompiledList,
  raw: RawMatch[],
  clauses: Clause[],
  lexicon: Lexicon,
): PhraseMatch[] {
  const exceptions = new Map<number, Array<[number, number]>>();
  const matches: PhraseMatch[] = [];
  for (const { phrase, clause, start, end } of raw) {
    const { words, sentence } = clauses[clause];
    let excluded = exceptions.get(clause);
    if (!excluded) {
      excluded = spansOf(list.except, words);
      exceptions.set(clause, excluded);
    }
    if (excluded.some(([from, to]) => start < to && from < end)) continue;

    const negated = !list.ignoresNegation && isNegated(words, start, lexicon);
    matches.push({ list: list.name, phrase: phrase.source, clause, sentence, start, end, negated });
  }
  return matches;
}

/**
 * Returns true when a negator appears within the window before `start`, unless a hedge stands
 * next to it (`not sure`, `might not`). Light words such as `a` and `just` do not use up the
 * window.
 */
export function isNegated(words: string[], start: number, lexicon: Lexicon): boolean {
  let counted = 0;
  for (let at = start - 1; at >= 0 && counted < NEGATION_WINDOW; at--) {
    const word = words[at];
    if (lexicon.negators.has(word) && !isHedged(words, at, lexicon)) return true;
    if (!LIGHT_WORDS.has(word)) counted++;
  }
  return false;
}

/**
 * Words that may stand between a negator and the hedge after it: `not really sure`,
 * `dont even know`, `not 100 percent sure`.
 */
// prettier-ignore
const HEDGE_QUALIFIERS = new Set([
  ...LIGHT_WORDS, 'entirely', 'completely', 'exactly', 'fully', 'totally', 'absolutely',
  'honestly', 'actually', '100', 'percent',
]);

/**
 * Returns true when the negator at `negator` expresses doubt rather than denial: a hedge comes
 * right before it (`might not`) or after it, past any qualifiers (`not really sure`).
 */
function isHedged(words: string[], negator: number, lexicon: Lexicon): boolean {
  if (negator > 0 && lexicon.hedges.has(words[negator - 1])) return true;
  for (let at = negator + 1; at < words.length; at++) {
    if (lexicon.hedges.has(words[at])) return true;
    if (!HEDGE_QUALIFIERS.has(words[at])) return false;
  }
  return false;
}
