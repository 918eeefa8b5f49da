import type { Problem, SchemaSet } from '../../engine/index.js';
import type { RuleFiles } from './model/history.js';

/** Rule folder as `GET /api/rules` returns it. */
export interface RuleFolder {
  files: RuleFiles;
  /** Text of each file on disk, for the diff shown before saving. */
  raw: Record<string, string>;
  versions: Record<string, string>;
  /** Files whose text is not valid JSON, with the parser's message. */
  parseErrors: Record<string, string>;
  /** JSON Schemas from the server's schemas/ folder, by file name, as the command line uses. */
  schemas: SchemaSet;
  /** Company values that sent messages are rendered with, e.g. `{company: {name, hours}}`. */
  templateVars: Record<string, unknown>;
}

/** Outcome of a request to the rules API that did not succeed. */
export type ApiFailure =
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'invalid'; message: string; problems: Problem[] }
  | { kind: 'conflict'; message: string; file: string }
  | { kind: 'failed'; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

const TOKEN_KEY = 'ringback-editor-token';

/** Bearer token typed by the user, kept for this browser tab only. */
export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function fetchRuleFolder(): Promise<ApiResult<RuleFolder>> {
  return request<RuleFolder>('GET', '/api/rules');
}

/** Saves every changed file in one request, so files that refer to each other land together. */
export function saveRuleFiles(
  files: RuleFiles,
  versions: Record<string, string>,
): Promise<ApiResult<RuleFolder>> {
  return request<RuleFolder>('PUT', '/api/rules', { files, versions });
}

async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return {
      ok: false,
      failure: { kind: 'failed', message: `${method} ${path} failed: ${(error as Error).message}` },
    };
  }

  const payload = await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, value: payload as T };
  return { ok: false, failure: toFailure(response.status, payload, `${method} ${path}`) };
}

function toFailure(
  status: number,
  payload: Record<string, unknown>,
  requestLine: string,
): ApiFailure {
  const message =
    typeof payload.error === 'string' ? payload.error : `${requestLine} failed with HTTP ${status}`;
  if (status === 401) return { kind: 'unauthorized', message };
  if (status === 403) return { kind: 'forbidden', message };
  if (status === 409) return { kind: 'conflict', message, file: String(payload.file ?? '') };
  if (status === 422)
    return { kind: 'invalid', message, problems: (payload.problems ?? []) as Problem[] };
  return { kind: 'failed', message };
}
