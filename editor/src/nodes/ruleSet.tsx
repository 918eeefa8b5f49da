import type { NodeProps } from '@xyflow/react';
import { useLabels } from '../labels.js';
import { ruleSetFiles, rulesOf } from '../model/ruleModel.js';
import { TextField } from '../fields/TextField.js';
import { NodeFrame } from './NodeFrame.js';
import type { BaseNodeData, GraphNode, InspectorProps, NodeKindSpec } from './spec.js';

/** A rules file such as triage.json: the set its rules belong to. */
export interface RuleSetData extends BaseNodeData {
  file: string;
  description: string;
  ruleCount: number;
  ruleNames: string[];
}

function RuleSetNode({ data }: NodeProps<GraphNode<RuleSetData>>) {
  return (
    <NodeFrame kind="ruleSet" data={data} eyebrow="rule set" hasInput={false}>
      <p className="graph-node-text">{data.ruleCount} rules</p>
    </NodeFrame>
  );
}

function RuleSetInspector({ data }: InspectorProps<RuleSetData>) {
  const labels = useLabels();
  return (
    <div className="inspector">
      <h2>Rule set {data.title}</h2>
      <TextField label={labels.ruleDescription} file={data.file} pointer="/description" multiline />
      <p>
        {data.ruleCount} rules. json-rules-engine runs every rule of this file on each customer
        message; higher priorities run first.
      </p>
    </div>
  );
}

export const ruleSetKind: NodeKindSpec<RuleSetData> = {
  kind: 'ruleSet',
  label: 'Rule set',
  rank: 0,
  width: 200,
  estimateHeight: () => 80,
  collect(files) {
    const nodes = ruleSetFiles(files).map((file) => {
      const content = files[file] as { description?: unknown };
      const rules = rulesOf(files, file);
      return {
        id: `ruleSet:${file}`,
        data: {
          title: ruleSetTitle(file),
          locations: [{ file, pointer: '' }],
          file,
          description: typeof content.description === 'string' ? content.description : '',
          ruleCount: rules.length,
          ruleNames: rules.map((located) => String(located.rule.name ?? '')),
        },
      };
    });
    const edges = ruleSetFiles(files).flatMap((file) =>
      rulesOf(files, file).map((located) => ({
        id: `ruleSet:${file}->rule:${file}:${located.index}`,
        source: `ruleSet:${file}`,
        target: `rule:${file}:${located.index}`,
        className: 'edge-membership',
        ariaLabel: `${file} contains rule ${String(located.rule.name ?? located.index + 1)}`,
      })),
    );
    return { nodes, edges };
  },
  mark: (data, decision) =>
    data.ruleNames.some((name) => decision.rules.includes(name)) ? 'fired' : undefined,
  Node: RuleSetNode,
  Inspector: RuleSetInspector,
};

/** Returns a rule file's name for people: `keywords.json` becomes `Keywords (keywords.json)`. */
export function ruleSetTitle(file: string): string {
  const base = file.replace(/\.json$/, '').replace(/[-_]+/g, ' ');
  return `${base.charAt(0).toUpperCase()}${base.slice(1)} (${file})`;
}
