import { createContext, useCallback, useContext, useMemo, useReducer } from 'react';
import { reduceHistory, startHistory, type RuleFiles } from '../model/history.js';
import { getAt, setAt } from '../model/pointer.js';
import type { ShownProblem } from '../problems.js';

/** How much of the rules staff may change: values only (phrases, text, priority) or everything. */
export type EditLevel = 'values' | 'full';

/** State that every node, inspector and panel reads and changes. */
export interface EditorState {
  files: RuleFiles;
  problems: ShownProblem[];
  editLevel: EditLevel;
  /** Company values messages are rendered with, from the server's business settings. */
  templateVars: Record<string, unknown>;
  /** Replaces one file's content; edits with the same merge key in a burst are one undo step. */
  editFile(file: string, update: (content: unknown) => unknown, mergeKey?: string): void;
  /** Sets one value; typing in a field passes the field's pointer as the merge key. */
  setValue(file: string, pointer: string, value: unknown): void;
  selectedNodeId: string | undefined;
  selectNode(id: string | undefined): void;
}

export const EditorContext = createContext<EditorState | undefined>(undefined);

export function useEditor(): EditorState {
  const state = useContext(EditorContext);
  if (!state) throw new Error('useEditor: render inside <EditorContext.Provider>');
  return state;
}

/** Keeps the files under edit, with undo and redo. */
export function useEditHistory(initialFiles: RuleFiles) {
  const [history, dispatch] = useReducer(reduceHistory, initialFiles, startHistory);

  const editFile = useCallback(
    (file: string, update: (content: unknown) => unknown, mergeKey?: string) => {
      const change = (files: RuleFiles) => {
        const next = update(files[file]);
        return next === files[file] ? files : { ...files, [file]: next };
      };
      dispatch({ type: 'edit', change, mergeKey, at: Date.now() });
    },
    [],
  );

  const setValue = useCallback(
    (file: string, pointer: string, value: unknown) =>
      editFile(
        file,
        (content) => (getAt(content, pointer) === value ? content : setAt(content, pointer, value)),
        `${file}#${pointer}`,
      ),
    [editFile],
  );

  return useMemo(
    () => ({
      files: history.present,
      canUndo: history.past.length > 0,
      canRedo: history.future.length > 0,
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      reset: (files: RuleFiles) => dispatch({ type: 'reset', files }),
      editFile,
      setValue,
    }),
    [history, editFile, setValue],
  );
}
