/** The repository's rule files, loaded once per test file. */
import { readFileSync } from 'node:fs';

import {
  createClassifier,
  loadRuleBundle,
  type Classifier,
  type RuleBundle,
} from '../../engine/index.ts';
import { readRuleFiles, readSchemas } from '../../worker/rules-files.ts';

let bundle: RuleBundle | undefined;
let classifier: Classifier | undefined;

export function repoRuleFiles(): Record<string, unknown> {
  return readRuleFiles();
}

/** Copies the repository's rule files deeply, so a test can break the copy. */
export function copyOfRuleFiles(): Record<string, any> {
  return structuredClone(readRuleFiles()) as Record<string, any>;
}

export function repoBundle(): RuleBundle {
  bundle ??= loadRuleBundle(readRuleFiles(), readSchemas());
  return bundle;
}

export function repoClassifier(): Classifier {
  classifier ??= createClassifier(repoBundle());
  return classifier;
}

/** One labelled text of a JSONL case file. */
export interface LabelledText {
  id: string;
  text: string;
  afterHours?: boolean;
  expect: Record<string, unknown>;
  why?: string;
}

export function readLabelledTexts(path: string | URL): LabelledText[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledText);
}
