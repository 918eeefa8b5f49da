import type { NodeProps } from '@xyflow/react';
import { eventTargets, ruleSetFiles, rulesOf } from '../model/ruleModel.js';
import { useEditor } from '../state/EditorContext.js';
import { NodeFrame } from './NodeFrame.js';
import type { BaseNodeData, GraphNode, InspectorProps, NodeKindSpec } from './spec.js';

/** A conversation branch, such as dispatch or booking, that rule events choose. */
export interface BranchData extends BaseNodeData {
  branch: string;
  /** Rules whose event chooses this branch, with the template each sends. */
  choosers: { ruleName: string; nodeId: string; template: string | undefined }[];
  templates: string[];
}

function BranchNode({ data }: NodeProps<GraphNode<BranchData>>) {
  const count = data.choosers.length;
  return (
    <NodeFrame kind="branch" data={data} eyebrow="branch">
      <p className="graph-node-text">
        chosen by {count} {count === 1 ? 'rule' : 'rules'}
      </p>
    </NodeFrame>
  );
}

function BranchInspector({ data }: InspectorProps<BranchData>) {
  const { selectNode } = useEditor();
  return (
    <div className="inspector">
      <h2>Branch {data.branch}</h2>
      <p>
        The conversation acts on the branch name (dispatch notifies the on-call technician, booking
        offers slots), so it is not renamed here. To send a rule elsewhere, change the branch or
        template in that rule's event.
      </p>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Template it sends</th>
          </tr>
        </thead>
        <tbody>
          {data.choosers.map((chooser) => (
            <tr key={chooser.nodeId}>
              <td>
                <button type="button" className="link" onClick={() => selectNode(chooser.nodeId)}>
                  {chooser.ruleName}
                </button>
              </td>
              <td>{chooser.template ?? 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const branchKind: NodeKindSpec<BranchData> = {
  kind: 'branch',
  label: 'Branch',
  rank: 2,
  width: 200,
  estimateHeight: () => 72,
  collect(files) {
    const byBranch = new Map<string, BranchData['choosers']>();
    for (const file of ruleSetFiles(files)) {
      for (const located of rulesOf(files, file)) {
        const { branch, template } = eventTargets(located.rule);
        if (branch === undefined) continue;
        const choosers = byBranch.get(branch) ?? [];
        const nodeId = `rule:${file}:${located.index}`;
        choosers.push({ ruleName: String(located.rule.name ?? ''), nodeId, template });
        byBranch.set(branch, choosers);
      }
    }

    const nodes = [...byBranch].map(([branch, choosers]) => ({
      id: `branch:${branch}`,
      data: {
        title: branch,
        locations: [],
        branch,
        choosers,
        templates: [
          ...new Set(choosers.map((chooser) => chooser.template).filter((id) => id !== undefined)),
        ],
      },
    }));
    const edges = nodes.flatMap((node) =>
      node.data.templates.map((template) => ({
        id: `${node.id}->template:${template}`,
        source: node.id,
        target: `template:${template}`,
        ariaLabel: `branch ${node.data.branch} sends template ${template}`,
      })),
    );
    return { nodes, edges };
  },
  mark: (data, decision) => (decision.branch === data.branch ? 'chosen' : undefined),
  Node: BranchNode,
  Inspector: BranchInspector,
};
