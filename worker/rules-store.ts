import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClassifier, loadRuleBundle, type RuleBundle } from '../engine/index.ts';
import { readRuleFiles, readSchemas } from './rules-files.ts';
import { repoRoot } from './settings.ts';

type Classifier = ReturnType<typeof createClassifier>;

export function rulesDir(): string {
  return process.env.RINGBACK_RULES_DIR ?? join(repoRoot, 'rules');
}

/**
 * The rule sets as the worker uses them. Reloads when a file in the folder changes (the editor
 * saves there), checking modification times at most once a second; a reload that fails its
 * checks keeps the last good rules and reports the error.
 */
export class RulesStore {
  private bundle: RuleBundle | null = null;
  private classifier: Classifier | null = null;
  private signature = '';
  private checkedAt = 0;

  constructor(
    readonly dir = rulesDir(),
    private readonly onReloadError: (error: Error) => void = () => {},
  ) {}

  private folderSignature(): string {
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `${name}:${statSync(join(this.dir, name)).mtimeMs}`)
      .join('|');
  }

  private refresh(): void {
    const now = Date.now();
    if (this.bundle && now - this.checkedAt < 1000) return;
    this.checkedAt = now;

    const signature = this.folderSignature();
    if (this.bundle && signature === this.signature) return;
    try {
      const bundle = loadRuleBundle(readRuleFiles(this.dir), readSchemas());
      this.bundle = bundle;
      this.classifier = createClassifier(bundle);
      this.signature = signature;
    } catch (error) {
      if (!this.bundle) throw error;
      this.onReloadError(error as Error);
    }
  }

  current(): { bundle: RuleBundle; classifier: Classifier } {
    this.refresh();
    return { bundle: this.bundle!, classifier: this.classifier! };
  }
}
