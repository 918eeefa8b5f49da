/**
 * An index of every phrase of every list by its first word, so a message is scanned once for all
 * lists instead of once per list.
 */
import { matchPhraseAt, type CompiledPhrase } from './phrase-syntax.js';
import type { Clause } from './text.js';

/** A phrase with the name of the list it belongs to. */
export interface ListedPhrase {
  list: string;
  phrase: CompiledPhrase;
}

/** A phrase match before the list's exceptions and negation are applied. */
export interface RawMatch {
  phrase: CompiledPhrase;
  clause: number;
  start: number;
  end: number;
}

export interface PhraseIndex {
  /** Phrases starting with a whole word, by that word. */
  byFirstWord: ReadonlyMap<string, ListedPhrase[]>;
  /** Phrases starting with a `word*` prefix, by the prefix's first letter. */
  byFirstLetter: ReadonlyMap<string, ListedPhrase[]>;
  /** Phrases starting with a gap, tried at every word. */
  gapFirst: ListedPhrase[];
}

export function buildPhraseIndex(lists: Iterable<{ name: string; phrases: CompiledPhrase[] }>) {
  const byFirstWord = new Map<string, ListedPhrase[]>();
  const byFirstLetter = new Map<string, ListedPhrase[]>();
  const gapFirst: ListedPhrase[] = [];

  for (const list of lists) {
    for (const phrase of list.phrases) {
      const entry = { list: list.name, phrase };
      const first = phrase.parts[0];
      if (first?.kind === 'word') {
        addTo(byFirstWord, first.text, entry);
      } else if (first?.kind === 'prefix' && first.text !== '') {
        addTo(byFirstLetter, first.text[0], entry);
      } else {
        gapFirst.push(entry);
      }
    }
  }
  return { byFirstWord, byFirstLetter, gapFirst } satisfies PhraseIndex;
}

function addTo(index: Map<string, ListedPhrase[]>, key: string, entry: ListedPhrase): void {
  const bucket = index.get(key);
  if (bucket) bucket.push(entry);
  else index.set(key, [entry]);
}

/** Scans the clauses once and returns the raw matches of every list, by list name. */
export function scanClauses(index: PhraseIndex, clauses: Clause[]): Map<string, RawMatch[]> {
  const found = new Map<string, RawMatch[]>();
  for (let clause = 0; clause < clauses.length; clause++) {
    const { words } = clauses[clause];
    for (let start = 0; start < words.length; start++) {
      const word = words[start];
      collect(index.byFirstWord.get(word), words, clause, start, found);
      collect(index.byFirstLetter.get(word[0]), words, clause, start, found);
      collect(index.gapFirst, words, clause, start, found);
    }
  }
  return found;
}

function collect(
  entries: ListedPhrase[] | undefined,
  words: string[],
  clause: number,
  start: number,
  found: Map<string, RawMatch[]>,
): void {
  if (!entries) return;
  for (const { list, phrase } of entries) {
    const end = matchPhraseAt(phrase.parts, words, start);
    if (end <= start) continue;
    const match = { phrase, clause, start, end };
    const matches = found.get(list);
    if (matches) matches.push(match);
    else found.set(list, [match]);
  }
}
