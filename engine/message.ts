/**
 * The `message` fact: a normalised customer text that finds phrase lists in itself and keeps
 * what it found, so each list is searched once per message whichever rules ask for it.
 */
import { scanClauses, type RawMatch } from './phrase-index.js';
import { matchPhraseAt } from './phrase-syntax.js';
import { resolveMatches, type Lexicon, type PhraseMatch } from './phrases.js';
import { normaliseText, type NormalisedText } from './text.js';

/**
 * Value of a `mentions` condition: a list name, several list names, or an object.
 * `{"phrases": "leakingNow", "unless": "minorLeak"}` matches a phrase of `leakingNow` in a
 * sentence with no phrase of `minorLeak`. With `with` in place of `unless`, the sentence must
 * contain one.
 */
export type MentionSpec =
  | string
  | string[]
  | { phrases: string | string[]; with?: string | string[]; unless?: string | string[] };

/**
 * Value of an `isExactly` condition: list names, or an object
 * `{"phrases": "optOutWords", "ignoring": "fillerWords"}` that drops filler words first.
 */
export type ExactSpec =
  string | string[] | { phrases: string | string[]; ignoring?: string | string[] };

const EMOJI = /^\p{Extended_Pictographic}+$/u;

export class Message {
  readonly normalised: NormalisedText;
  readonly words: string[];
  private readonly found = new Map<string, PhraseMatch[]>();
  private rawMatches: Map<string, RawMatch[]> | null = null;
  private readonly mentioned = new Map<string, PhraseMatch[]>();
  private readonly exactly = new Map<string, string | null>();

  constructor(
    text: string,
    private readonly lexicon: Lexicon,
  ) {
    this.normalised = normaliseText(text, lexicon.spellings, lexicon.knownWords);
    this.words = this.normalised.clauses.flatMap((clause) => clause.words);
  }

  /** Finds every match of the list, negated ones included. */
  find(listName: string): PhraseMatch[] {
    let matches = this.found.get(listName);
    if (matches) return matches;

    const list = this.lexicon.lists.get(listName);
    if (!list) throw new Error(`Message: phrase list '${listName}' is not defined in phrases.json`);
    this.rawMatches ??= scanClauses(this.lexicon.index, this.normalised.clauses);
    const raw = this.rawMatches.get(listName) ?? [];
    matches = resolveMatches(list, raw, this.normalised.clauses, this.lexicon);
    this.found.set(listName, matches);
    return matches;
  }

  /** Returns the matches that satisfy a `mentions` spec, or none when the condition fails. */
  mentions(spec: MentionSpec): PhraseMatch[] {
    const key = specKey(spec);
    let matches = this.mentioned.get(key);
    if (!matches) {
      matches = this.findMentions(spec);
      this.mentioned.set(key, matches);
    }
    return matches;
  }

  private findMentions(spec: MentionSpec): PhraseMatch[] {
    const { phrases, with: companions, unless } = readMentionSpec(spec);
    const hits = this.unnegated(phrases);
    if (hits.length === 0) return hits;

    const companionSentences = new Set(this.unnegated(companions).map((m) => m.sentence));
    const blockedSentences = new Set(this.unnegated(unless).map((m) => m.sentence));
    return hits.filter(
      (hit) =>
        (companions.length === 0 || companionSentences.has(hit.sentence)) &&
        !blockedSentences.has(hit.sentence),
    );
  }

  /** Returns the phrase the whole message equals, ignoring the listed filler words, or null. */
  isExactly(spec: ExactSpec): string | null {
    return this.cachedExactly('message', spec);
  }

  /**
   * Returns the phrase the message's first clause equals, ignoring filler words, or null:
   * `stop` for "STOP. We found someone else".
   */
  opensWith(spec: ExactSpec): string | null {
    return this.cachedExactly('opening', spec);
  }

  private cachedExactly(scope: 'message' | 'opening', spec: ExactSpec): string | null {
    const key = `${scope} ${specKey(spec)}`;
    let phrase = this.exactly.get(key);
    if (phrase === undefined) {
      phrase = this.findExactly(spec, scope === 'opening' ? 1 : this.normalised.clauses.length);
      this.exactly.set(key, phrase);
    }
    return phrase;
  }

  /** Finds the phrase that the words of the first `clauseCount` clauses equal, or null. */
  private findExactly(spec: ExactSpec, clauseCount: number): string | null {
    const { phrases, ignoring } = readExactSpec(spec);
    const words = this.withoutFiller(ignoring, clauseCount);
    if (words.length === 0) return null;

    for (const name of phrases) {
      const list = this.lexicon.lists.get(name);
      if (!list) throw new Error(`Message: phrase list '${name}' is not defined in phrases.json`);
      for (const phrase of list.phrases) {
        if (matchPhraseAt(phrase.parts, words, 0) === words.length) return phrase.source;
      }
    }
    return null;
  }

  /** Returns the message words a match covers, e.g. `smell gas` for `smell* ... gas`. */
  wordsOf(match: PhraseMatch): string {
    return this.normalised.clauses[match.clause].words.slice(match.start, match.end).join(' ');
  }

  /** Serialises as the normalised text, so explanations and logs show words, not internals. */
  toJSON(): string {
    return this.normalised.text;
  }

  private unnegated(listNames: string[]): PhraseMatch[] {
    return listNames.flatMap((name) => this.find(name).filter((match) => !match.negated));
  }

  /**
   * Returns the words of the first `clauseCount` clauses without filler words and emoji, so
   * `Stop please 🛑` is still the keyword `stop`.
   */
  private withoutFiller(fillerLists: string[], clauseCount: number): string[] {
    const fillerMatches = fillerLists.flatMap((name) => this.find(name));
    const words: string[] = [];
    this.normalised.clauses.slice(0, clauseCount).forEach((clause, clauseIndex) => {
      clause.words.forEach((word, at) => {
        const isFiller = fillerMatches.some(
          (match) => match.clause === clauseIndex && match.start <= at && at < match.end,
        );
        if (!isFiller && !EMOJI.test(word)) words.push(word);
      });
    });
    return words;
  }
}

/**
 * Keys of object specs. Rule definitions keep the same spec objects from message to message,
 * so each is serialised once.
 * NOTE: a spec object changed in place after its first use keeps its old key.
 */
const specKeys = new WeakMap<object, string>();

/** Returns a cache key for a spec: the list name, or the spec as JSON. */
function specKey(spec: MentionSpec | ExactSpec): string {
  if (typeof spec === 'string') return spec;
  let key = specKeys.get(spec);
  if (key === undefined) {
    key = JSON.stringify(spec);
    specKeys.set(spec, key);
  }
  return key;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

export function readMentionSpec(spec: MentionSpec) {
  if (typeof spec === 'string' || Array.isArray(spec)) {
    return { phrases: toList(spec), with: [] as string[], unless: [] as string[] };
  }
  return { phrases: toList(spec.phrases), with: toList(spec.with), unless: toList(spec.unless) };
}

export function readExactSpec(spec: ExactSpec) {
  if (typeof spec === 'string' || Array.isArray(spec)) {
    return { phrases: toList(spec), ignoring: [] as string[] };
  }
  return { phrases: toList(spec.phrases), ignoring: toList(spec.ignoring) };
}

/** Lists every phrase list name a condition value refers to, for the cross-checks. */
export function listNamesIn(operator: string, value: unknown): string[] {
  if (operator === 'mentions') {
    const spec = readMentionSpec(value as MentionSpec);
    return [...spec.phrases, ...spec.with, ...spec.unless];
  }
  if (operator === 'isExactly' || operator === 'opensWith') {
    const spec = readExactSpec(value as ExactSpec);
    return [...spec.phrases, ...spec.ignoring];
  }
  return [];
}
