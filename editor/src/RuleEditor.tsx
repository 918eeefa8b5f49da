import { useMemo } from 'react';
import { LabelsContext, withLabelOverrides, type EditorLabels } from './labels.js';
import { TokenForm } from './panels/TokenForm.js';
import { helpFor, type ShownProblem } from './problems.js';
import { useRuleFolder } from './state/useRuleFolder.js';
import { Workspace } from './Workspace.js';

export interface RuleEditorProps {
  /** Replacements for the accessible names of controls. Default: English, `defaultLabels`. */
  labels?: Partial<EditorLabels>;
  /** Called with every problem list shown, so an embedder can report or block on them. */
  onProblems?(problems: ShownProblem[]): void;
}

/**
 * Loads the rules folder from the server and edits it as a graph.
 *
 * @example createRoot(element).render(<RuleEditor labels={{ reviewAndSave: 'Review' }} />)
 */
export function RuleEditor({ labels, onProblems }: RuleEditorProps) {
  const mergedLabels = useMemo(() => withLabelOverrides(labels), [labels]);
  const { state, reload, save } = useRuleFolder();

  return (
    <LabelsContext.Provider value={mergedLabels}>
      {state.status === 'loading' && <p className="loading">Loading the rules folder…</p>}
      {state.status === 'failed' && state.failure.kind === 'unauthorized' && (
        <TokenForm message={state.failure.message} onSubmitted={reload} />
      )}
      {state.status === 'failed' && state.failure.kind !== 'unauthorized' && (
        <div className="load-failed" role="alert">
          <p>{state.failure.message}</p>
          <p className="hint">
            {helpFor(state.failure.kind === 'forbidden' ? 'access-denied' : 'load-failed').fix}
          </p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && (
        <Workspace folder={state.folder} save={save} onProblems={onProblems} />
      )}
    </LabelsContext.Provider>
  );
}
