/**
 * Phrase syntax, after the same case, accent and spelling folding as the message:
 * - words match whole words: `burst pipe`;
 * - a word ending in `*` matches any word starting with it: `flood*` matches `flooding`;
 * - `...` matches up to three words: `smell* ... gas` matches `smells a lot like gas`.
 */
import { foldCase, splitWords } from './text.js';

/** The maximum number of words `...` stands for. */
const GAP_WORDS = 3;

export type PhrasePart =
  { kind: 'word'; text: string } | { kind: 'prefix'; text: string } | { kind: 'gap' };

export interface CompiledPhrase {
  source: string;
  parts: PhrasePart[];
}

/** Compiles one phrase, folding it like message text so the two compare word for word. */
export function compilePhrase(
  source: string,
  spellings: ReadonlyMap<string, string[]>,
): CompiledPhrase {
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
  return { source, parts };
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

/** Returns every [start, end) span where one of the phrases matches the words. */
export function spansOf(phrases: CompiledPhrase[], words: string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const phrase of phrases) {
    for (let start = 0; start < words.length; start++) {
      const end = matchPhraseAt(phrase.parts, words, start);
      if (end > start) spans.push([start, end]);
    }
  }
  return spans;
}
