import { useEffect, useRef } from 'react';
import { useLabels } from '../labels.js';
import { NODE_KINDS } from '../nodes/index.js';
import type { GraphNode } from '../nodes/spec.js';
import type { NodeSelection } from '../state/selection.js';
import { ProblemList } from './ProblemList.js';

const specByKind = new Map(NODE_KINDS.map((spec) => [spec.kind, spec]));

/** Fields that take focus when a node is opened from the keyboard. The first match wins. */
const EDITABLE_FIELD = [
  'input:not([readonly]):not([disabled]):not([type="hidden"])',
  'textarea:not([readonly]):not([disabled])',
  'select:not([disabled])',
].join(', ');

interface InspectorPanelProps {
  node: GraphNode | undefined;
  /** The selection request that opened the node. With `focusEditor`, its first field takes focus. */
  selection: NodeSelection | undefined;
  onSelectNode(id: string): void;
}

/** Edits the selected node with its kind's inspector, above the node's own problems. */
export function InspectorPanel({ node, selection, onSelectNode }: InspectorPanelProps) {
  const labels = useLabels();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selection?.focusEditor) return;
    container.current?.querySelector<HTMLElement>(EDITABLE_FIELD)?.focus();
  }, [selection]);

  if (!node) return <p className="muted">{labels.noSelection}</p>;

  const spec = specByKind.get(node.type ?? '');
  if (!spec) return <p className="field-error">No editor for nodes of kind {node.type}.</p>;
  const { Inspector } = spec;

  return (
    <div ref={container}>
      {node.data.problems.length > 0 && (
        <section aria-label="Problems of this node" className="node-problems">
          <ProblemList
            problems={node.data.problems}
            nodeOf={() => undefined}
            onSelectNode={onSelectNode}
          />
        </section>
      )}
      <Inspector id={node.id} data={node.data} />
    </div>
  );
}
