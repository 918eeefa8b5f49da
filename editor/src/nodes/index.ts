import { branchKind } from './branch.js';
import { ruleKind } from './rule.js';
import { ruleSetKind } from './ruleSet.js';
import type { NodeKindSpec } from './spec.js';
import { templateKind } from './template.js';

/**
 * Every node kind the editor draws, left to right. A new kind is one specification file in
 * this folder and one entry here.
 */
export const NODE_KINDS: readonly NodeKindSpec<any>[] = [
  ruleSetKind,
  ruleKind,
  branchKind,
  templateKind,
];

export const nodeTypes = Object.fromEntries(NODE_KINDS.map((spec) => [spec.kind, spec.Node]));
