import { describe, expect, it } from 'vitest';
import { MERGE_WINDOW_MS, reduceHistory, startHistory } from '../../editor/src/model/history.js';
import { insertAt, removeAt, setAt } from '../../editor/src/model/pointer.js';

const initial = { 'triage.json': { rules: [{ name: 'gas', value: ['gas smell'] }] } };

describe('edit history', () => {
  it('undoes and redoes one edit', () => {
    const edit = (files: Record<string, unknown>) => ({
      ...files,
      'triage.json': setAt(files['triage.json'], '/rules/0/name', 'gas leak'),
    });
    const edited = reduceHistory(startHistory(initial), { type: 'edit', change: edit, at: 0 });

    const undone = reduceHistory(edited, { type: 'undo' });
    const redone = reduceHistory(undone, { type: 'redo' });

    expect(undone.present).toBe(initial);
    expect(redone.present).toEqual({
      'triage.json': { rules: [{ name: 'gas leak', value: ['gas smell'] }] },
    });
  });

  it('merges quick edits to the same field into one step', () => {
    let history = startHistory(initial);
    for (const [index, name] of ['g', 'ga', 'gas'].entries()) {
      history = reduceHistory(history, {
        type: 'edit',
        change: (files) => ({
          ...files,
          'triage.json': setAt(files['triage.json'], '/rules/0/name', name),
        }),
        mergeKey: 'triage.json/rules/0/name',
        at: index * 10,
      });
    }

    expect(history.past).toHaveLength(1);
    expect(reduceHistory(history, { type: 'undo' }).present).toBe(initial);
  });

  it('keeps edits apart when the merge window has passed', () => {
    const rename = (name: string, at: number) => ({
      type: 'edit' as const,
      change: (files: Record<string, unknown>) => ({
        ...files,
        'triage.json': setAt(files['triage.json'], '/rules/0/name', name),
      }),
      mergeKey: 'name',
      at,
    });
    const history = [rename('a', 0), rename('b', MERGE_WINDOW_MS + 1)].reduce(
      reduceHistory,
      startHistory(initial),
    );

    expect(history.past).toHaveLength(2);
  });

  it('clears redo after a new edit', () => {
    const addPhrase = (files: Record<string, unknown>) => ({
      ...files,
      'triage.json': insertAt(files['triage.json'], '/rules/0/value', 'flood'),
    });
    const undone = reduceHistory(
      reduceHistory(startHistory(initial), { type: 'edit', change: addPhrase, at: 0 }),
      {
        type: 'undo',
      },
    );

    const edited = reduceHistory(undone, { type: 'edit', change: addPhrase, at: 5000 });

    expect(edited.future).toEqual([]);
  });
});

describe('pointer edits', () => {
  it('removes an array item without touching siblings', () => {
    const files = { rules: [{ value: ['a', 'b', 'c'] }], other: { kept: true } };

    const next = removeAt(files, '/rules/0/value/1') as typeof files;

    expect(next.rules[0].value).toEqual(['a', 'c']);
    expect(next.other).toBe(files.other);
  });

  it('reads escaped pointer tokens', () => {
    expect(setAt({ 'a/b': 1 }, '/a~1b', 2)).toEqual({ 'a/b': 2 });
  });
});
