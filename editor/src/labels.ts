import type { AriaLabelConfig } from '@xyflow/react';
import { createContext, useContext } from 'react';

/**
 * Accessible names of the editor's controls, in one table so an embedder can translate or
 * reword them: `<RuleEditor labels={{ undo: 'Deshacer' }} />`. Screen readers read these, and
 * the browser tests find controls by them.
 */
export const defaultLabels = {
  appTitle: 'Ringback rules',
  graph: 'Rule graph: rules, the branches they choose and the templates they send',
  undo: 'Undo',
  redo: 'Redo',
  reviewAndSave: 'Review and save',
  arrange: 'Arrange graph',
  findNode: 'Find a rule or template',
  editLevel: 'Edit level',
  editLevelValues: 'Values only',
  editLevelFull: 'Full',
  sidePanel: 'Side panel',
  skipToPanel: 'Skip to editor panel',
  inspectorTab: 'Edit',
  tryItTab: 'Try it',
  problemsTab: 'Problems',
  outboxTab: 'Outbox',
  noSelection: 'Select a rule, branch or template in the graph to edit it.',

  ruleName: 'Rule name',
  ruleDescription: 'Description',
  rulePriority: 'Priority',
  conditionFact: 'Fact',
  conditionOperator: 'Operator',
  conditionValue: 'Value',
  addCondition: 'Add condition',
  removeCondition: (index: number) => `Remove condition ${index + 1}`,
  addPhrase: 'Add phrase',
  newPhrase: 'New phrase',
  removePhrase: (phrase: string) => `Remove phrase ${phrase}`,
  eventType: 'Event type',
  eventParam: (name: string) => `Event ${name}`,

  templateText: 'Template text',
  templateDescription: 'Description',
  templateFooter: 'Opt-out footer',
  segmentCount: 'SMS segments',

  customerMessage: 'Customer message',
  afterHours: 'After hours',
  runTry: 'Classify',

  diffDialog: 'Changes to save',
  confirmSave: 'Save to rules folder',
  cancel: 'Cancel',
  token: 'Editor token',
  useToken: 'Use token',
  /** Labels of React Flow's own controls (zoom buttons, minimap), passed to it unchanged. */
  reactFlow: {} as Partial<AriaLabelConfig>,
  problemCount: (count: number) => (count === 1 ? '1 problem' : `${count} problems`),
  unsavedCount: (count: number) => (count === 1 ? '1 unsaved file' : `${count} unsaved files`),
};

export type EditorLabels = typeof defaultLabels;

export const LabelsContext = createContext<EditorLabels>(defaultLabels);

export function useLabels(): EditorLabels {
  return useContext(LabelsContext);
}

/** Merges an embedder's overrides into the defaults. */
export function withLabelOverrides(overrides: Partial<EditorLabels> = {}): EditorLabels {
  return { ...defaultLabels, ...overrides };
}
