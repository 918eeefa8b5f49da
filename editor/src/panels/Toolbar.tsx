import { useId } from 'react';
import { useLabels } from '../labels.js';
import type { GraphNode } from '../nodes/spec.js';
import type { EditLevel } from '../state/EditorContext.js';
import { FindNode } from './FindNode.js';

interface ToolbarProps {
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  editLevel: EditLevel;
  onEditLevel(level: EditLevel): void;
  onArrange(): void;
  unsavedFiles: number;
  problemCount: number;
  onReview(): void;
  onShowProblems(): void;
  nodes: GraphNode[];
  onSelectNode(id: string): void;
}

/** Undo, redo, edit level, layout and save, with the shortcuts shown in their titles. */
export function Toolbar(props: ToolbarProps) {
  const labels = useLabels();
  const levelId = useId();

  return (
    <header className="toolbar">
      <h1>{labels.appTitle}</h1>
      <button type="button" onClick={props.onUndo} disabled={!props.canUndo} title="Ctrl+Z">
        {labels.undo}
      </button>
      <button
        type="button"
        onClick={props.onRedo}
        disabled={!props.canRedo}
        title="Ctrl+Shift+Z or Ctrl+Y"
      >
        {labels.redo}
      </button>
      <label htmlFor={levelId}>{labels.editLevel}</label>
      <select
        id={levelId}
        value={props.editLevel}
        onChange={(event) => props.onEditLevel(event.target.value as EditLevel)}
      >
        <option value="values">{labels.editLevelValues}</option>
        <option value="full">{labels.editLevelFull}</option>
      </select>
      <button type="button" onClick={props.onArrange}>
        {labels.arrange}
      </button>
      <FindNode nodes={props.nodes} onFound={props.onSelectNode} />
      <span className="toolbar-spacer" />
      <button
        type="button"
        className={props.problemCount > 0 ? 'problem-count has-problems' : 'problem-count'}
        onClick={props.onShowProblems}
      >
        {labels.problemCount(props.problemCount)}
      </button>
      <span className="unsaved" aria-live="polite">
        {props.unsavedFiles > 0 ? labels.unsavedCount(props.unsavedFiles) : 'All saved'}
      </span>
      <button type="button" className="primary" onClick={props.onReview} title="Ctrl+S">
        {labels.reviewAndSave}
      </button>
    </header>
  );
}
