import { describe, expect, it } from 'vitest';

import { Message } from '../../engine/message.ts';
import { compileLexicon, type PhraseFile } from '../../engine/phrases.ts';
import { normaliseText } from '../../engine/text.ts';

const lexicon = compileLexicon({
  spellings: { toliet: 'toilet', flodding: 'flooding', h2o: 'water' },
  negators: ['no', 'not', 'dont', 'isnt', 'nothing'],
  hedges: ['sure', 'might'],
  lists: {
    leak: { phrases: ['leak*'] },
    slowLeak: { phrases: ['slow leak', 'drip*'] },
    gas: { phrases: ['smell* ... gas'], except: ['gas water heater'] },
    heater: { phrases: ['water heater', 'hot water'], ignoresNegation: true },
    toilet: { phrases: ['toilet'] },
    flood: { phrases: ['flood*'] },
    stop: { phrases: ['stop', 'stop texting'] },
    polite: { phrases: ['please', 'thank you'] },
    emergency: { phrases: ['emergency'] },
    backup: { phrases: ['backing up'] },
  },
} satisfies PhraseFile);

const message = (text: string) => new Message(text, lexicon);

describe('normaliseText', () => {
  it('folds case, accents and apostrophes', () => {
    const text = normaliseText("WON'T Stop, se inundó", new Map()).text;
    expect(text).toBe('wont stop | se inundo');
  });

  it('splits clauses on punctuation and joining words', () => {
    const { clauses } = normaliseText('drain is slow, AND the line burst. help', new Map());
    expect(clauses.map((clause) => clause.words.join(' '))).toEqual([
      'drain is slow',
      'the line burst',
      'help',
    ]);
    expect(clauses.map((clause) => clause.sentence)).toEqual([0, 0, 1]);
  });

  it('applies the spelling table', () => {
    expect(message('toliet is flodding').normalised.text).toBe('toilet is flooding');
    expect(message('h2o heater').normalised.text).toBe('water heater');
  });

  it('keeps emoji as words', () => {
    expect(message('gross 💩').words).toEqual(['gross', '💩']);
  });
});

describe('mentions', () => {
  it('matches a prefix word', () => {
    expect(message('the basement flooded').mentions('flood')).toHaveLength(1);
  });

  it('matches across a gap of up to three words', () => {
    expect(message('I smell a lot of gas').mentions('gas')).toHaveLength(1);
    expect(message('smell something in the garage near gas').mentions('gas')).toHaveLength(0);
  });

  it('ignores a negated phrase', () => {
    expect(message('no leak, just a drip').mentions('leak')).toHaveLength(0);
    expect(message('there is not a leak').mentions('leak')).toHaveLength(0);
  });

  it('skips light words when measuring the negation window', () => {
    expect(message('not just a slow leak anymore').mentions('slowLeak')).toHaveLength(0);
  });

  it('stops negation at a clause break', () => {
    expect(message('no, the pipe has a leak').mentions('leak')).toHaveLength(1);
  });

  it('lets a hedge cancel the negator', () => {
    expect(message('not sure but I smell gas').mentions('gas')).toHaveLength(1);
    expect(message('not sure if there is a leak').mentions('leak')).toHaveLength(1);
  });

  it('finds a hedge past qualifiers after the negator', () => {
    expect(message('not really sure if there is a leak').mentions('leak')).toHaveLength(1);
    expect(message('dont even sure a leak').mentions('leak')).toHaveLength(1);
    expect(message('not 100 percent sure a leak').mentions('leak')).toHaveLength(1);
  });

  it('lets a hedge before the negator cancel it', () => {
    expect(message('might not be a leak').mentions('leak')).toHaveLength(1);
  });

  it('keeps a negator followed by other words', () => {
    expect(message('not really a leak').mentions('leak')).toHaveLength(0);
    expect(message('definitely not a leak').mentions('leak')).toHaveLength(0);
  });

  it('keeps negated phrases of lists that ignore negation', () => {
    expect(message('no hot water at all').mentions('heater')).toHaveLength(1);
  });

  it('drops a match overlapping an except phrase', () => {
    expect(message('smells funny, we have a gas water heater').mentions('gas')).toHaveLength(0);
    expect(message('I smell gas near the gas water heater').mentions('gas')).toHaveLength(1);
  });

  it('requires a with-list phrase in the same sentence', () => {
    const spec = { phrases: 'backup', with: 'toilet' };
    expect(message('toilet is backing up').mentions(spec)).toHaveLength(1);
    expect(message('sink is backing up').mentions(spec)).toHaveLength(0);
    expect(message('sink is backing up. toilet is fine').mentions(spec)).toHaveLength(0);
  });

  it('rejects a sentence with an unless-list phrase', () => {
    const spec = { phrases: 'leak', unless: 'slowLeak' };
    expect(message('pipe has a leak').mentions(spec)).toHaveLength(1);
    expect(message('pipe has a leak, just a drip').mentions(spec)).toHaveLength(0);
    expect(message('pipe has a leak. the faucet drips').mentions(spec)).toHaveLength(1);
  });

  it('ignores a negated unless-list phrase', () => {
    const spec = { phrases: 'leak', unless: 'slowLeak' };
    expect(message('a leak, not a slow leak').mentions(spec)).toHaveLength(1);
  });

  it('reads emergency as negated in "not an emergency"', () => {
    expect(message('not an emergency').mentions('emergency')).toHaveLength(0);
    expect(message('this is an emergency').mentions('emergency')).toHaveLength(1);
  });

  it('rejects an unknown list by name', () => {
    expect(() => message('hi').mentions('nope')).toThrow("phrase list 'nope' is not defined");
  });
});

describe('isExactly', () => {
  it('matches only the whole message', () => {
    expect(message('Stop!!').isExactly('stop')).toBe('stop');
    expect(message('stop by friday').isExactly('stop')).toBeNull();
  });

  it('drops filler words first', () => {
    const spec = { phrases: 'stop', ignoring: 'polite' };
    expect(message('STOP please').isExactly(spec)).toBe('stop');
    expect(message('thank you. stop texting').isExactly(spec)).toBe('stop texting');
  });

  it('drops emoji', () => {
    expect(message('stop 🛑').isExactly({ phrases: 'stop' })).toBe('stop');
  });

  it('rejects an empty message', () => {
    expect(message('!!!').isExactly('stop')).toBeNull();
  });
});

describe('opensWith', () => {
  it('matches the first clause alone', () => {
    expect(message('STOP. we found someone else').opensWith('stop')).toBe('stop');
    expect(message('stop, thanks anyway').opensWith('stop')).toBe('stop');
  });

  it('ignores a keyword later in the message', () => {
    expect(message('we found someone. stop').opensWith('stop')).toBeNull();
  });

  it('needs the whole first clause', () => {
    expect(message('stop by friday, thanks').opensWith('stop')).toBeNull();
  });

  it('drops filler in the first clause', () => {
    const spec = { phrases: 'stop', ignoring: 'polite' };
    expect(message('please stop. found a plumber').opensWith(spec)).toBe('stop');
  });
});

describe('stretched words', () => {
  const stretched = compileLexicon({
    lists: { words: { phrases: ['stop', 'flooding', 'help'] } },
  } satisfies PhraseFile);

  it('reads a tripled letter as a known word', () => {
    expect(new Message('STOPPP', stretched).words).toEqual(['stop']);
    expect(new Message('floooding', stretched).words).toEqual(['flooding']);
  });

  it('reads the same word the same way twice', () => {
    expect(new Message('hellllp hellllp', stretched).words).toEqual(['help', 'help']);
  });

  it('keeps two letters for unknown words', () => {
    expect(new Message('sooo', stretched).words).toEqual(['soo']);
  });
});
