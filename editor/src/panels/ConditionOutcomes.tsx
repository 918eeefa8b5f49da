import type { ConditionOutcome, FiredRule } from '../../../engine/index.js';
import { getAt } from '../model/pointer.js';
import { conditionsOf, rulesOf } from '../model/ruleModel.js';
import { useEditor } from '../state/EditorContext.js';

const GROUP_TITLES = { all: 'All of', any: 'Any of', not: 'None of' } as const;

/** A rule's condition tree with each leaf's outcome from a try-it run. */
type OutcomeNode =
  | { kind: 'leaf'; outcome: ConditionOutcome }
  | { kind: keyof typeof GROUP_TITLES; children: OutcomeNode[]; result: boolean };

/**
 * Shows how a rule's conditions came out, nested as the rule file groups them (all, any,
 * not). The engine lists leaf conditions depth first, in the order `conditionsOf` walks the
 * rule, so each leaf pairs with its outcome. When the counts differ, as while the rule is being
 * edited, the outcomes are listed flat.
 */
export function ConditionOutcomes({ rule }: { rule: FiredRule }) {
  const { files } = useEditor();
  const definition = rulesOf(files, rule.file).find((located) => located.rule.name === rule.name);
  const tree = definition?.rule.conditions;
  const leafCount = conditionsOf(tree, '').length;

  if (tree === undefined || leafCount !== rule.conditions.length) {
    return (
      <ol className="condition-outcomes">
        {rule.conditions.map((outcome, index) => (
          <LeafOutcome key={index} outcome={outcome} />
        ))}
      </ol>
    );
  }
  const queue = [...rule.conditions];
  const root = pairOutcomes(tree, queue);
  return <ol className="condition-outcomes">{root && <OutcomeItem node={root} />}</ol>;
}

/** Builds the outcome tree, taking leaf outcomes from the front of `queue` in walk order. */
function pairOutcomes(condition: unknown, queue: ConditionOutcome[]): OutcomeNode | undefined {
  if (typeof condition !== 'object' || condition === null) return undefined;
  const record = condition as Record<string, unknown>;
  if (typeof record.fact === 'string') {
    const outcome = queue.shift();
    return outcome && { kind: 'leaf', outcome };
  }

  const groups: OutcomeNode[] = [];
  for (const kind of ['all', 'any'] as const) {
    const children = getAt(record, `/${kind}`);
    if (!Array.isArray(children)) continue;
    const paired = children
      .map((child) => pairOutcomes(child, queue))
      .filter((node): node is OutcomeNode => node !== undefined);
    const results = paired.map(resultOf);
    const result = kind === 'all' ? results.every(Boolean) : results.some(Boolean);
    groups.push({ kind, children: paired, result });
  }
  if (record.not !== undefined) {
    const child = pairOutcomes(record.not, queue);
    if (child) groups.push({ kind: 'not', children: [child], result: !resultOf(child) });
  }
  // The schema allows one of all, any and not per object. Should there be several, all apply.
  if (groups.length === 1) return groups[0];
  return { kind: 'all', children: groups, result: groups.every(resultOf) };
}

function resultOf(node: OutcomeNode): boolean {
  return node.kind === 'leaf' ? node.outcome.result : node.result;
}

function OutcomeItem({ node }: { node: OutcomeNode }) {
  if (node.kind === 'leaf') return <LeafOutcome outcome={node.outcome} />;
  return (
    <li className={`outcome-group ${node.result ? 'passed' : 'failed'}`}>
      <span className="outcome-group-title">
        {node.result ? '✓' : '✗'} {GROUP_TITLES[node.kind]}
      </span>
      <ol>
        {node.children.map((child, index) => (
          <OutcomeItem key={index} node={child} />
        ))}
      </ol>
    </li>
  );
}

function LeafOutcome({ outcome }: { outcome: ConditionOutcome }) {
  return (
    <li className={`outcome-leaf ${outcome.result ? 'passed' : 'failed'}`}>
      {outcome.result ? '✓' : '✗'} {outcome.fact} {outcome.operator}{' '}
      <code>{JSON.stringify(outcome.expected)}</code>
      <span className="muted"> saw </span>
      <code>{JSON.stringify(outcome.saw)}</code>
      {outcome.matched && <span className="matched"> matched: {outcome.matched.join(', ')}</span>}
    </li>
  );
}
