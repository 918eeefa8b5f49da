import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { checkRuleFiles } from '../../engine/index.js';
import type { ApiFailure, RuleFolder } from './api.js';
import { formatRuleFile } from './format/stableJson.js';
import { useLabels } from './labels.js';
import { buildGraph } from './graph/buildGraph.js';
import { GraphCanvas } from './graph/GraphCanvas.js';
import type { RuleFiles } from './model/history.js';
import { NODE_KINDS } from './nodes/index.js';
import { InspectorPanel } from './panels/Inspector.js';
import { OutboxPanel } from './panels/OutboxPanel.js';
import { ProblemList } from './panels/ProblemList.js';
import { SaveDialog, type PendingChange } from './panels/SaveDialog.js';
import { SidePanel, type SideTab } from './panels/SidePanel.js';
import { Toolbar } from './panels/Toolbar.js';
import { TryItPanel } from './panels/TryItPanel.js';
import type { ShownProblem } from './problems.js';
import {
  EditorContext,
  useEditHistory,
  type EditLevel,
  type EditorState,
} from './state/EditorContext.js';
import { toSelection, type NodeSelection, type SelectOptions } from './state/selection.js';
import { useSettledValue } from './state/useSettledValue.js';
import { useShortcuts } from './state/useShortcuts.js';
import { useTryIt } from './state/useTryIt.js';

/** Pause in editing after which the files are checked again, in milliseconds. */
const CHECK_DELAY_MS = 150;

interface WorkspaceProps {
  folder: RuleFolder;
  save(changed: RuleFiles): Promise<ApiFailure | undefined>;
  onProblems?(problems: ShownProblem[]): void;
}

/** Renders the editor once the rules are loaded: toolbar, graph, side panel and save dialog. */
export function Workspace({ folder, save, onProblems }: WorkspaceProps) {
  const history = useEditHistory(folder.files);
  const { files } = history;
  const [editLevel, setEditLevel] = useState<EditLevel>('values');
  const [selection, setSelection] = useState<NodeSelection>();
  const selectedNodeId = selection?.id;
  const [tab, setTab] = useState<SideTab>('edit');
  const [arrangeRequest, setArrangeRequest] = useState(0);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveFailure, setSaveFailure] = useState<string>();

  const checkedFiles = useSettledValue(files, CHECK_DELAY_MS);
  const checking = checkedFiles !== files;
  const problems = useMemo(() => findProblems(checkedFiles, folder), [checkedFiles, folder]);
  const tryIt = useTryIt(checkedFiles, folder.schemas, folder.templateVars);
  const graph = useMemo(
    () => buildGraph(NODE_KINDS, files, problems, tryIt.result.decision),
    [files, problems, tryIt.result.decision],
  );
  const pending = useMemo(() => pendingChanges(files, folder), [files, folder]);

  useEffect(() => onProblems?.(problems), [onProblems, problems]);
  useUnsavedWarning(pending.length > 0);

  const selectNode = useCallback((id: string | undefined, options?: SelectOptions) => {
    setSelection(id === undefined ? undefined : toSelection(id, options));
    if (id) setTab('edit');
  }, []);
  const openReview = useCallback(() => {
    setSaveFailure(undefined);
    setDialogOpen(true);
  }, []);
  useShortcuts({ undo: history.undo, redo: history.redo, review: openReview });

  const confirmSave = async () => {
    setSaving(true);
    const changed = Object.fromEntries(pending.map((change) => [change.file, files[change.file]]));
    const failure = await save(changed);
    setSaving(false);
    if (!failure) setDialogOpen(false);
    else setSaveFailure(describeFailure(failure));
  };

  const editor: EditorState = {
    files,
    problems,
    editLevel,
    templateVars: folder.templateVars,
    editFile: history.editFile,
    setValue: history.setValue,
    selectedNodeId,
    selectNode,
  };
  const selectedNode = graph.nodes.find((node) => node.id === selectedNodeId);
  const nodeOfProblem = (problem: ShownProblem) =>
    graph.nodes.find((node) => node.data.problems.includes(problem))?.id;

  return (
    <EditorContext.Provider value={editor}>
      <div className="workspace">
        <Toolbar
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          onUndo={history.undo}
          onRedo={history.redo}
          editLevel={editLevel}
          onEditLevel={setEditLevel}
          onArrange={() => setArrangeRequest((count) => count + 1)}
          unsavedFiles={pending.length}
          problemCount={problems.length}
          onReview={openReview}
          onShowProblems={() => setTab('problems')}
          nodes={graph.nodes}
          onSelectNode={selectNode}
        />
        <SkipLink targetId={`tab-${tab}`} />
        <main className="canvas">
          <ReactFlowProvider>
            <GraphCanvas
              graph={graph}
              selection={selection}
              onSelect={selectNode}
              arrangeRequest={arrangeRequest}
            />
          </ReactFlowProvider>
        </main>
        <SidePanel tab={tab} onTab={setTab}>
          {{
            edit: (
              <InspectorPanel node={selectedNode} selection={selection} onSelectNode={selectNode} />
            ),
            try: <TryItPanel input={tryIt.input} onInput={tryIt.setInput} result={tryIt.result} />,
            outbox: <OutboxPanel visible={tab === 'outbox'} />,
            problems: (
              <ProblemList problems={problems} nodeOf={nodeOfProblem} onSelectNode={selectNode} />
            ),
          }}
        </SidePanel>
      </div>
      <SaveDialog
        open={dialogOpen}
        changes={pending}
        problems={problems}
        checking={checking}
        saving={saving}
        failure={saveFailure}
        onConfirm={confirmSave}
        onClose={() => setDialogOpen(false)}
      />
    </EditorContext.Provider>
  );
}

/**
 * Renders a link, visible while it has focus, that moves focus past the graph's many nodes to
 * the side panel's current tab, so a keyboard user need not Tab through every node.
 */
function SkipLink({ targetId }: { targetId: string }) {
  const labels = useLabels();
  const skip = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById(targetId)?.focus();
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={skip}>
      {labels.skipToPanel}
    </a>
  );
}

/** Asks the browser to confirm leaving the page while there are unsaved changes. */
function useUnsavedWarning(unsaved: boolean) {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
}

function findProblems(files: RuleFiles, folder: RuleFolder): ShownProblem[] {
  const unreadable: ShownProblem[] = Object.entries(folder.parseErrors).map(([file, message]) => ({
    code: 'invalid-json',
    file,
    path: '',
    message: `rules/${file}: invalid JSON on disk: ${message}`,
  }));
  try {
    return [...unreadable, ...checkRuleFiles(files, folder.schemas)];
  } catch (error) {
    const message = `checkRuleFiles failed: ${(error as Error).message}`;
    return [...unreadable, { code: 'engine-error', file: '', path: '', message }];
  }
}

/**
 * Files whose content differs from the folder as loaded or last saved, with the text each would
 * be written as. A file whose content is unchanged is not rewritten, even where its text on disk
 * is laid out differently from how the editor would write it.
 */
function pendingChanges(files: RuleFiles, folder: RuleFolder): PendingChange[] {
  const changed = (file: string) =>
    files[file] !== folder.files[file] &&
    JSON.stringify(files[file]) !== JSON.stringify(folder.files[file]);
  return Object.keys(files)
    .filter((file) => files[file] !== undefined && folder.raw[file] !== undefined && changed(file))
    .map((file) => ({
      file,
      before: folder.raw[file],
      after: formatRuleFile(files[file], folder.raw[file]),
    }));
}

function describeFailure(failure: ApiFailure): string {
  if (failure.kind === 'invalid') {
    return `${failure.message}: ${failure.problems.map((problem) => problem.message).join('; ')}`;
  }
  // The server's conflict message already says to reload and apply the edit again.
  return failure.message;
}
