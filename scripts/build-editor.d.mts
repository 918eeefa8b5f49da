/** True when editor/dist is missing or a source file changed after it was built. */
export function isEditorBuildStale(): boolean;

/** Builds editor/dist with Vite; with `ifStale`, skips the build when it is up to date. */
export function buildEditor(options?: { ifStale?: boolean; quiet?: boolean }): Promise<boolean>;
