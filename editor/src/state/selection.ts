/** How a node was selected, which decides what the editor does next. */
export interface SelectOptions {
  /** Centre the view on the node: true unless the user picked it on the canvas. Default: true. */
  reveal?: boolean;
  /** Move keyboard focus to the edit panel's first field. Default: false. */
  focusEditor?: boolean;
}

/**
 * One request to select a node. Every request is a new object, so effects that centre the view
 * or move focus run once per request and never again because something else re-rendered.
 */
export interface NodeSelection {
  id: string;
  reveal: boolean;
  focusEditor: boolean;
}

export function toSelection(id: string, options: SelectOptions = {}): NodeSelection {
  return { id, reveal: options.reveal ?? true, focusEditor: options.focusEditor ?? false };
}
