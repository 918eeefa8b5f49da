import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useLabels } from '../labels.js';

export type SideTab = 'edit' | 'try' | 'problems' | 'outbox';

const TABS: SideTab[] = ['edit', 'try', 'problems', 'outbox'];

interface SidePanelProps {
  tab: SideTab;
  onTab(tab: SideTab): void;
  children: Record<SideTab, ReactNode>;
}

/** Tabs beside the graph: the selected node's editor, try-it, the problem list and the outbox. */
export function SidePanel({ tab, onTab, children }: SidePanelProps) {
  const labels = useLabels();
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const titles: Record<SideTab, string> = {
    edit: labels.inspectorTab,
    try: labels.tryItTab,
    problems: labels.problemsTab,
    outbox: labels.outboxTab,
  };

  // Arrow keys, Home and End move between tabs, as the WAI-ARIA tabs pattern expects.
  const onKeyDown = (event: KeyboardEvent) => {
    const next = tabAfterKey(event.key, tab);
    if (next === undefined) return;
    event.preventDefault();
    onTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <aside className="side-panel" aria-label={labels.sidePanel}>
      <div role="tablist" aria-label={labels.sidePanel} onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`tabpanel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => onTab(name)}
          >
            {titles[name]}
          </button>
        ))}
      </div>
      {TABS.map((name) => (
        <div
          key={name}
          role="tabpanel"
          id={`tabpanel-${name}`}
          aria-labelledby={`tab-${name}`}
          hidden={tab !== name}
        >
          {children[name]}
        </div>
      ))}
    </aside>
  );
}

function tabAfterKey(key: string, current: SideTab): SideTab | undefined {
  const index = TABS.indexOf(current);
  if (key === 'ArrowRight') return TABS[(index + 1) % TABS.length];
  if (key === 'ArrowLeft') return TABS[(index - 1 + TABS.length) % TABS.length];
  if (key === 'Home') return TABS[0];
  if (key === 'End') return TABS[TABS.length - 1];
  return undefined;
}
