import { useEffect, useMemo, useState } from 'react';
import {
  createClassifier,
  type Classifier,
  loadRuleBundle,
  REQUIRED_FILES,
  renderTemplate,
  type Decision,
  type RenderedMessage,
  type RuleBundle,
  type SchemaSet,
} from '../../../engine/index.js';
import { jobLabel } from '../../../workflows/job-labels.ts';
import type { RuleFiles } from '../model/history.js';
import { withSamples } from '../model/preview.js';

type LoadedEngine = { bundle: RuleBundle; classifier: Classifier };

/** Waiting time after the last keystroke in the message before classifying, in milliseconds. */
const CLASSIFY_DELAY_MS = 200;

export interface TryItInput {
  text: string;
  afterHours: boolean;
}

/** Result of a try-it run: the decision and the reply as it would be sent. */
export interface TryItResult {
  decision?: Decision;
  reply?: RenderedMessage;
  /** Variables of the reply that took sample values, such as a voicemail transcript. */
  sampled: { name: string; value: string }[];
  /** Why there is no decision: rules that do not load, or an engine error. */
  error?: string;
}

/**
 * Runs the engine in the browser on the files being edited: the same classifier and templates
 * the worker uses, so an edit shows its effect before it is saved. Only the files the
 * classifier needs are loaded, so a problem in another file (business settings, escalation)
 * does not stop the try-it panel.
 */
export function useTryIt(
  files: RuleFiles,
  schemas: SchemaSet,
  templateVars: Record<string, unknown>,
) {
  const [input, setInput] = useState<TryItInput>({ text: '', afterHours: false });
  const [result, setResult] = useState<TryItResult>({ sampled: [] });

  const engine = useMemo((): LoadedEngine | { error: string } => {
    const classifierFiles = Object.fromEntries(
      REQUIRED_FILES.filter((file) => file in files).map((file) => [file, files[file]]),
    );
    try {
      const bundle = loadRuleBundle(classifierFiles, schemas);
      return { bundle, classifier: createClassifier(bundle) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [files, schemas]);

  useEffect(() => {
    if (input.text.trim() === '') {
      setResult({ sampled: [] });
      return;
    }
    if ('error' in engine) {
      setResult({ sampled: [], error: `Fix the problems listed first. ${engine.error}` });
      return;
    }

    let current = true;
    const timer = setTimeout(async () => {
      try {
        // Full explanations list every condition of rules that did not fire too, so the panel
        // can show each rule's whole condition tree.
        const decision = await engine.classifier.classify(input, { explain: 'full' });
        if (current) setResult({ decision, ...renderReply(engine.bundle, decision, templateVars) });
      } catch (error) {
        if (current)
          setResult({ sampled: [], error: `classify failed: ${(error as Error).message}` });
      }
    }, CLASSIFY_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [engine, input, templateVars]);

  return { input, setInput, result };
}

function renderReply(
  bundle: RuleBundle,
  decision: Decision,
  templateVars: Record<string, unknown>,
) {
  if (!decision.template) return { sampled: [] };
  const text = bundle.templates[decision.template]?.text ?? '';
  const known = { ...templateVars, jobLabel: jobLabel(decision.jobType) };
  const { vars, sampled } = withSamples(text, known);
  return { reply: renderTemplate(bundle, decision.template, vars), sampled };
}
