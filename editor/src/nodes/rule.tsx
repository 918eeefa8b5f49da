import type { NodeProps } from '@xyflow/react';
import { ConditionTree } from '../fields/ConditionTree.js';
import { EventFields } from '../fields/EventFields.js';
import { NumberField, TextField } from '../fields/TextField.js';
import { useLabels } from '../labels.js';
import { toPointer } from '../model/pointer.js';
import { MAX_PRIORITY } from '../model/priorityRange.js';
import {
  eventTargets,
  phraseListsOfRule,
  PHRASES_FILE,
  phrasesOf,
  ruleSetFiles,
  rulesOf,
  type LocatedRule,
} from '../model/ruleModel.js';
import { useEditor } from '../state/EditorContext.js';
import { NodeFrame } from './NodeFrame.js';
import type { BaseNodeData, GraphNode, InspectorProps, NodeKindSpec } from './spec.js';

/** A json-rules-engine rule: what it recognises and the event it fires. */
export interface RuleData extends BaseNodeData {
  file: string;
  pointer: string;
  ruleName: string;
  priority: number;
  /** The event in a few words, e.g. `urgency: emergency`. */
  eventSummary: string;
  /** Phrase lists the conditions name, with how many phrases each has. */
  lists: { name: string; size: number | undefined }[];
}

function RuleNode({ data }: NodeProps<GraphNode<RuleData>>) {
  return (
    <NodeFrame kind="rule" data={data} eyebrow={`${data.file} · priority ${data.priority}`}>
      <p className="graph-node-text">{data.eventSummary}</p>
      {data.lists.length > 0 && (
        <ul className="tags" aria-label="Phrase lists">
          {data.lists.map((list) => (
            <li key={list.name} className="tag">
              {list.name}
              {list.size !== undefined && <span className="tag-count"> {list.size}</span>}
            </li>
          ))}
        </ul>
      )}
    </NodeFrame>
  );
}

function RuleInspector({ data }: InspectorProps<RuleData>) {
  const labels = useLabels();
  const { files, editLevel } = useEditor();
  const knownBranches = [
    ...new Set(
      ruleSetFiles(files)
        .flatMap((file) => rulesOf(files, file))
        .map((located) => eventTargets(located.rule).branch)
        .filter((branch): branch is string => branch !== undefined),
    ),
  ];

  return (
    <div className="inspector">
      <h2>
        Rule {data.ruleName} <span className="muted">in {data.file}</span>
      </h2>
      <TextField
        label={labels.ruleName}
        file={data.file}
        pointer={`${data.pointer}/name`}
        readOnly={editLevel === 'values'}
      />
      <TextField
        label={labels.ruleDescription}
        file={data.file}
        pointer={`${data.pointer}/description`}
        multiline
      />
      <NumberField
        label={labels.rulePriority}
        file={data.file}
        pointer={`${data.pointer}/priority`}
        defaultValue={1}
        min={1}
        max={MAX_PRIORITY}
      />
      <h3>Conditions</h3>
      <ConditionTree
        file={data.file}
        pointer={`${data.pointer}/conditions`}
        ruleName={data.ruleName}
      />
      <EventFields
        file={data.file}
        pointer={`${data.pointer}/event`}
        knownBranches={knownBranches}
      />
    </div>
  );
}

function summariseEvent(located: LocatedRule): string {
  const event = located.rule.event;
  if (!event) return 'no event';
  const params = event.params ?? {};
  const main = params[event.type];
  return main === undefined ? event.type : `${event.type}: ${String(main)}`;
}

export const ruleKind: NodeKindSpec<RuleData> = {
  kind: 'rule',
  label: 'Rule',
  rank: 1,
  width: 260,
  estimateHeight: (data) => 96 + Math.ceil(data.lists.length / 2) * 22,
  collect(files) {
    const located = ruleSetFiles(files).flatMap((file) => rulesOf(files, file));
    const nodes = located.map((rule) => {
      const lists = phraseListsOfRule(rule.rule);
      return {
        id: `rule:${rule.file}:${rule.index}`,
        data: {
          title: String(rule.rule.name ?? `rule ${rule.index + 1}`),
          locations: [
            { file: rule.file, pointer: rule.pointer },
            ...lists.map((list) => ({ file: PHRASES_FILE, pointer: toPointer(['lists', list]) })),
          ],
          file: rule.file,
          pointer: rule.pointer,
          ruleName: String(rule.rule.name ?? ''),
          priority: typeof rule.rule.priority === 'number' ? rule.rule.priority : 1,
          eventSummary: summariseEvent(rule),
          lists: lists.map((name) => ({ name, size: phrasesOf(files, name)?.length })),
        },
      };
    });
    return { nodes, edges: located.flatMap(edgesOf) };
  },
  mark: (data, decision) => (decision.rules.includes(data.ruleName) ? 'fired' : 'not-fired'),
  Node: RuleNode,
  Inspector: RuleInspector,
};

/** Connects a rule to the branch its event chooses, or to its template when it names no branch. */
function edgesOf(located: LocatedRule) {
  const source = `rule:${located.file}:${located.index}`;
  const name = String(located.rule.name ?? '');
  const { branch, template } = eventTargets(located.rule);
  if (branch !== undefined) {
    const ariaLabel = `rule ${name} chooses branch ${branch}`;
    return [{ id: `${source}->branch:${branch}`, source, target: `branch:${branch}`, ariaLabel }];
  }
  if (template !== undefined) {
    const ariaLabel = `rule ${name} sends template ${template}`;
    return [
      { id: `${source}->template:${template}`, source, target: `template:${template}`, ariaLabel },
    ];
  }
  return [];
}
