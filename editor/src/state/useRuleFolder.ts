import { useCallback, useEffect, useState } from 'react';
import { fetchRuleFolder, saveRuleFiles, type ApiFailure, type RuleFolder } from '../api.js';
import type { RuleFiles } from '../model/history.js';

export type FolderState =
  | { status: 'loading' }
  | { status: 'ready'; folder: RuleFolder }
  | { status: 'failed'; failure: ApiFailure };

/** Loads the rules folder from the server, and reloads it or saves changed files on request. */
export function useRuleFolder() {
  const [state, setState] = useState<FolderState>({ status: 'loading' });

  const reload = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await fetchRuleFolder();
    setState(
      result.ok
        ? { status: 'ready', folder: result.value }
        : { status: 'failed', failure: result.failure },
    );
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Saves the changed files; on success the saved folder becomes the new baseline. */
  const save = useCallback(
    async (changed: RuleFiles): Promise<ApiFailure | undefined> => {
      if (state.status !== 'ready') return { kind: 'failed', message: 'rules are not loaded yet' };
      const versions = Object.fromEntries(
        Object.keys(changed).map((file) => [file, state.folder.versions[file]]),
      );
      const result = await saveRuleFiles(changed, versions);
      if (!result.ok) return result.failure;
      setState({ status: 'ready', folder: result.value });
      return undefined;
    },
    [state],
  );

  return { state, reload, save };
}
