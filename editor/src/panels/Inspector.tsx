import { useLabels } from '../labels.js';
import { NODE_KINDS } from '../nodes/index.js';
import type { GraphNode } from '../nodes/spec.js';
import { ProblemList } from './ProblemList.js';

const specByKind = new Map(NODE_KINDS.map((spec) => [spec.kind, spec]));

interface InspectorPanelProps {
  node: GraphNode | undefined;
  onSelectNode(id: string): void;
}

/** Edits the selected node with its kind's inspector, above the node's own problems. */
export function InspectorPanel({ node, onSelectNode }: InspectorPanelProps) {
  const labels = useLabels();
  if (!node) return <p className="muted">{labels.noSelection}</p>;

  const spec = specByKind.get(node.type ?? '');
  if (!spec) return <p className="field-error">No editor for nodes of kind {node.type}.</p>;
  const { Inspector } = spec;

  return (
    <>
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
    </>
  );
}
