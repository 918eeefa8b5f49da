/** A workflow that classifies inside Temporal's sandbox, for the engine's portability test. */
import { createClassifier, loadRuleBundle } from '../../engine/index.ts';

export async function classifyInSandbox(files: Record<string, unknown>, text: string) {
  const decision = await createClassifier(loadRuleBundle(files)).classify({ text });
  return { urgency: decision.urgency, jobType: decision.jobType, rulesHash: decision.rulesHash };
}
