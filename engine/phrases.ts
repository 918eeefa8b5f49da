/**
 * Phrase lists: compiling the lists of rules/phrases.json and finding them in a message.
 *
 * Phrase syntax, after the same case, accent and spelling folding as the message:
 * - words match whole words: `burst pipe`;
 * - a word ending in `*` matches any word starting with it: `flood*` matches `flooding`;
 * - `...` matches up to three words: `smell* ... gas` matches `smells a lot like gas`.
 */
import { foldCase, splitWords, type Clause } from './text.js';

/** The maximum number of words `...` stands for. */
const GAP_WORDS = 3;
/** How many words before a phrase a negator still negates it: `no` in `no sign of leaks`. */
const NEGATION_WINDOW = 3;
/** Words that do not count toward the negation window: `not just a sewer smell`. */
const LIGHT_WORDS = new Set([
  'a', 'an', 'the', 'just', 'only', 'really', 'very', 'any', 'some', 'my', 'our', 'your',
  'even', 'so', 'too', 'quite', 'el', 'la', 'los', 'las', 'un', 'una',
]);

type PhrasePart =
  | { kind: 'word'; text: string }
  | { kind: 'prefix'; text: string }
  | { kind: 'gap' };

export interface CompiledPhrase {
  source: string;
  parts: PhrasePart[];
}

export interface CompiledList {
  name: string;
  phrases: CompiledPhrase[];
  /** The phrases by their first word, so matching looks up each message word once. */
  byFirstWord: ReadonlyMap<string, CompiledPhrase[]>;
  /** Phrases starting with a `word*` prefix, by the prefix's first letter. */
  byFirstLetter: ReadonlyMap<string, CompiledPhrase[]>;
  /** Phrases starting with a gap, tried at every word. */
  gapFirst: CompiledPhrase[];
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
    const phrases = list.phrases.map((phrase) => compilePhrase(phrase, spellings));
    lists.set(name, {
      name,
      phrases,
      ...indexByFirstWord(phrases),
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

function indexByFirstWord(phrases: CompiledPhrase[]) {
  const byFirstWord = new Map<string, CompiledPhrase[]>();
  const byFirstLetter = new Map<string, CompiledPhrase[]>();
  const gapFirst: CompiledPhrase[] = [];
  const addTo = (index: Map<string, CompiledPhrase[]>, key: string, phrase: CompiledPhrase) => {
    const bucket = index.get(key) ?? [];
    bucket.push(phrase);
    index.set(key, bucket);
  };

  for (const phrase of phrases) {
    const first = phrase.parts[0];
    if (first?.kind === 'word') {
      addTo(byFirstWord, first.text, phrase);
    } else if (first?.kind === 'prefix' && first.text !== '') {
      addTo(byFirstLetter, first.text[0], phrase);
    } else {
      gapFirst.push(phrase);
    }
  }
  return { byFirstWord, byFirstLetter, gapFirst };
}

/** Compiles one phrase, folding it like message text so the two compare word for word. */
export function compilePhrase(source: string, spellings: ReadonlyMap<string, string[]>) {
  const parts: PhrasePart[] = [];
  for (const piece of source.trim().split(/\s+/u)) {
    if (piece === '...') {
      parts.push({ kind: 'gap' });
      continue;
    }
    const isPrefix = piece.endsWith('*');
    const words = splitWords(foldCase(isPrefix ? piece.slice(0, -1) : piece), spellings);
    words.forEach((text, index) => {
      const last = index === words.length - 1;
      parts.push({ kind: isPrefix && last ? 'prefix' : 'word', text });
    });
  }
  return { source, parts } satisfies CompiledPhrase;
}

/** Returns the end index of `parts` matched at `start` in `words`, or -1. */
export function matchPhraseAt(parts: PhrasePart[], words: string[], start: number): number {
  return matchFrom(parts, 0, words, start);
}

function matchFrom(parts: PhrasePart[], index: number, words: string[], at: number): number {
  if (index === parts.length) return at;
  const part = parts[index];

  if (part.kind === 'gap') {
    for (let skip = 0; skip <= GAP_WORDS && at + skip <= words.length; skip++) {
      const end = matchFrom(parts, index + 1, words, at + skip);
      if (end >= 0) return end;
    }
    return -1;
  }

  const word = words[at];
  if (word === undefined) return -1;
  const fits = part.kind === 'word' ? word === part.text : word.startsWith(part.text);
  return fits ? matchFrom(parts, index + 1, words, at + 1) : -1;
}

/** Finds every place in the clauses where a phrase of the list matches. */
export function findList(list: CompiledList, clauses: Clause[], lexicon: Lexicon) {
  const matches: PhraseMatch[] = [];
  for (let clauseIndex = 0; clauseIndex < clauses.length; clauseIndex++) {
    const { words, sentence } = clauses[clauseIndex];
    const found = spansIn(list, words);
    if (found.length === 0) continue;

    const excluded = list.except.length > 0 ? spansOf(list.except, words) : [];
    for (const { phrase, start, end } of found) {
      if (excluded.some(([from, to]) => start < to && from < end)) continue;
      const negated = !list.ignoresNegation && isNegated(words, start, lexicon);
      matches.push({
        list: list.name,
        phrase: phrase.source,
        clause: clauseIndex,
        sentence,
        start,
        end,
        negated,
      });
    }
  }
  return matches;
}

interface Span {
  phrase: CompiledPhrase;
  start: number;
  end: number;
}

/** Finds every place a phrase of the list matches the words, before exceptions and negation. */
function spansIn(list: CompiledList, words: string[]): Span[] {
  const found: Span[] = [];
  for (let start = 0; start < words.length; start++) {
    const word = words[start];
    collectSpans(list.byFirstWord.get(word), words, start, found);
    collectSpans(list.byFirstLetter.get(word[0]), words, start, found);
    collectSpans(list.gapFirst, words, start, found);
  }
  return found;
}

function collectSpans(
  phrases: CompiledPhrase[] | undefined,
  words: string[],
  start: number,
  found: Span[],
) {
  for (const phrase of phrases ?? []) {
    const end = matchPhraseAt(phrase.parts, words, start);
    if (end > start) found.push({ phrase, start, end });
  }
}

function spansOf(phrases: CompiledPhrase[], words: string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const phrase of phrases) {
    for (let start = 0; start < words.length; start++) {
      const end = matchPhraseAt(phrase.parts, words, start);
      if (end > start) spans.push([start, end]);
    }
  }
  return spans;
}

/**
 * Returns true when a negator appears within the window before `start`, unless a hedge follows
 * it (`not sure`). Light words such as `a` and `just` do not use up the window.
 */
export function isNegated(words: string[], start: number, lexicon: Lexicon): boolean {
  let counted = 0;
  for (let at = start - 1; at >= 0 && counted < NEGATION_WINDOW; at--) {
    const word = words[at];
    if (lexicon.negators.has(word)) {
      const next = words[at + 1];
      if (next === undefined || !lexicon.hedges.has(next)) return true;
    }
    if (!LIGHT_WORDS.has(word)) counted++;
  }
  return false;
}
