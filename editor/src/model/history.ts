/** Rule files by file name, as parsed JSON: the whole state the editor changes. */
export type RuleFiles = Record<string, unknown>;

/** Maximum number of steps that undo can go back. */
export const HISTORY_LIMIT = 200;

/** Edits with the same merge key closer together than this become one undo step. */
export const MERGE_WINDOW_MS = 1000;

/** Undo and redo stacks around the files being edited. */
export interface EditHistory {
  past: RuleFiles[];
  present: RuleFiles;
  future: RuleFiles[];
  /** Merge key and time of the latest edit, so typing a word is one undo step, not five. */
  lastEdit?: { mergeKey: string; at: number };
}

export type HistoryAction =
  | { type: 'reset'; files: RuleFiles }
  | { type: 'edit'; change: (files: RuleFiles) => RuleFiles; mergeKey?: string; at: number }
  | { type: 'undo' }
  | { type: 'redo' };

export function startHistory(files: RuleFiles): EditHistory {
  return { past: [], present: files, future: [] };
}

/** Applies one action. An edit that changes nothing leaves the stacks as they were. */
export function reduceHistory(history: EditHistory, action: HistoryAction): EditHistory {
  switch (action.type) {
    case 'reset':
      return startHistory(action.files);
    case 'undo':
      return stepBack(history);
    case 'redo':
      return stepForward(history);
    case 'edit':
      return applyEdit(history, action);
  }
}

function applyEdit(
  history: EditHistory,
  action: Extract<HistoryAction, { type: 'edit' }>,
): EditHistory {
  const next = action.change(history.present);
  if (next === history.present) return history;

  const last = history.lastEdit;
  const merges =
    action.mergeKey !== undefined &&
    last?.mergeKey === action.mergeKey &&
    action.at - last.at < MERGE_WINDOW_MS;
  const lastEdit =
    action.mergeKey === undefined ? undefined : { mergeKey: action.mergeKey, at: action.at };

  if (merges) return { ...history, present: next, future: [], lastEdit };
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastEdit };
}

function stepBack(history: EditHistory): EditHistory {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

function stepForward(history: EditHistory): EditHistory {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}
