import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { checkRuleFiles } from '../engine/index.ts';
import { checkEditorAccess } from '../editor/server/access.js';
import type { ShownProblem } from '../editor/src/problems.js';
import {
  planSave,
  readRuleFolder,
  RULE_FILE_NAME,
  writeRuleFiles,
  type RuleFileChange,
  type StoredRuleFile,
} from '../editor/server/rulesStore.js';
import { companyVars } from './activities/messaging.ts';
import { readSchemas } from './rules-files.ts';
import { rulesDir as defaultRulesDir } from './rules-store.ts';
import type { BusinessSettings } from './settings.ts';

const repoRoot = resolve(import.meta.dirname, '..');

/** Options of the editor plugin. */
export interface EditorRoutesOptions {
  /**
   * Folder of the rule files that the API reads and writes. Default: `RINGBACK_RULES_DIR`, else
   * the repository's `rules/`, the folder the worker loads its rules from.
   */
  rulesDir?: string;
  /** Folder of the built editor. Default: `editor/dist`, made by `npm run editor:build`. */
  distDir?: string;
  /**
   * Bearer token that every rules API request must carry. Default: `RINGBACK_EDITOR_TOKEN`.
   * Without one, only loopback clients may read or write.
   */
  token?: string;
}

/** Body of `PUT /api/rules`: every changed file, saved together or not at all. */
interface SaveAllBody {
  files: Record<string, unknown>;
  /**
   * Version of each file in `files` as the editor loaded it, from `GET /api/rules`. Required,
   * so a file changed on disk since loading is a conflict and not overwritten.
   */
  versions?: Record<string, string>;
}

/** Files the API never writes: business settings are edited in a text editor only. */
const READ_ONLY_FILES = new Set(['business.json']);

/**
 * Serves the built editor at `/editor/` and the rules API at `/api/rules`.
 *
 * @example await app.register(editorRoutes, { rulesDir: '/tmp/rules-copy' });
 */
async function editorRoutes(app: FastifyInstance, options: EditorRoutesOptions) {
  const rulesDir = resolve(options.rulesDir ?? defaultRulesDir());
  const distDir = resolve(options.distDir ?? resolve(repoRoot, 'editor/dist'));
  const token = options.token ?? (process.env.RINGBACK_EDITOR_TOKEN || undefined);
  const log = app.log.child({ component: 'editor' });

  registerStaticEditor(app, distDir);

  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!checkEditorAccess(request, reply, token)) {
      log.warn(
        { method: request.method, url: request.url, status: reply.statusCode },
        'rules api request rejected',
      );
      return reply;
    }
  };

  // Saves run one at a time, so two editors cannot both validate and then overwrite each other.
  let saving: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const result = saving.then(work, work);
    saving = result.catch(() => undefined);
    return result;
  };

  app.get('/api/rules', { onRequest: guard }, async () =>
    describeFolder(await readRuleFolder(rulesDir)),
  );

  app.put<{ Body: SaveAllBody }>('/api/rules', { onRequest: guard }, async (request, reply) => {
    const body = request.body;
    if (!body || typeof body !== 'object' || !body.files || typeof body.files !== 'object') {
      return reply
        .code(400)
        .send({ error: 'rules API: the body must be {"files": {"name.json": content}}' });
    }
    const versions: Record<string, unknown> =
      typeof body.versions === 'object' && body.versions !== null ? body.versions : {};
    const unversioned = Object.keys(body.files).find((name) => typeof versions[name] !== 'string');
    if (unversioned !== undefined) {
      log.info({ file: unversioned }, 'rules save rejected: version missing');
      return reply.code(400).send({
        error:
          `rules API: "versions" has no version for ${unversioned}; send the version ` +
          'GET /api/rules returned for every file in "files"',
      });
    }
    const changes: Record<string, RuleFileChange> = {};
    for (const [name, json] of Object.entries(body.files)) {
      changes[name] = { json, baseVersion: versions[name] as string };
    }
    return serialized(() => saveRuleFiles(rulesDir, changes, reply, log));
  });

  app.put<{ Params: { file: string } }>(
    '/api/rules/:file',
    { onRequest: guard },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      if (typeof ifMatch !== 'string' || ifMatch.trim() === '') {
        log.info({ file: request.params.file }, 'rules save rejected: If-Match missing');
        return reply.code(428).send({
          error:
            `rules API: If-Match header missing for ${request.params.file}; send the ` +
            'version GET /api/rules returned, as If-Match: "<version>"',
        });
      }
      const baseVersion = ifMatch.replace(/^W\//, '').replace(/"/g, '');
      const changes = { [request.params.file]: { json: request.body, baseVersion } };
      return serialized(() => saveRuleFiles(rulesDir, changes, reply, log));
    },
  );
}

function registerStaticEditor(app: FastifyInstance, distDir: string) {
  app.get('/editor', (_request, reply) => reply.redirect('/editor/'));

  if (!existsSync(resolve(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'editor not built; run npm run editor:build');
    app.get('/editor/*', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send('The editor is not built. Run: npm run editor:build\n'),
    );
    return;
  }
  app.register(fastifyStatic, { root: distDir, prefix: '/editor/', decorateReply: false });
}

function describeFolder(stored: Record<string, StoredRuleFile>) {
  const files: Record<string, unknown> = {};
  const raw: Record<string, string> = {};
  const versions: Record<string, string> = {};
  const parseErrors: Record<string, string> = {};
  for (const [name, file] of Object.entries(stored)) {
    files[name] = file.json;
    raw[name] = file.raw;
    versions[name] = file.version;
    if (file.parseError) parseErrors[name] = file.parseError;
  }
  // The schemas go along so the browser checks with exactly those `ringback rules check` uses.
  const schemas = readSchemas();
  return {
    files,
    raw,
    versions,
    parseErrors,
    schemas,
    templateVars: templateVarsOf(files),
  };
}

/** Returns the company values messages are rendered with, so previews match what is sent. */
function templateVarsOf(files: Record<string, unknown>): Record<string, unknown> {
  const business = files['business.json'] as BusinessSettings | undefined;
  try {
    return business ? companyVars(business) : {};
  } catch {
    // An invalid business.json is reported by the checks; previews then leave the values out.
    return {};
  }
}

async function saveRuleFiles(
  rulesDir: string,
  changes: Record<string, RuleFileChange>,
  reply: FastifyReply,
  log: FastifyInstance['log'],
) {
  const badName = Object.keys(changes).find((name) => !RULE_FILE_NAME.test(name));
  if (badName !== undefined) {
    return reply
      .code(400)
      .send({ error: `rules API: '${badName}' is not a rule file name such as triage.json` });
  }

  const readOnly = Object.keys(changes).find((name) => READ_ONLY_FILES.has(name));
  if (readOnly !== undefined) {
    log.info({ file: readOnly }, 'rules save rejected: read-only file');
    return reply.code(403).send({
      error: `rules API: ${readOnly} is not written by the editor; change it in a text editor`,
    });
  }

  const empty = Object.keys(changes).find((name) => changes[name].json === undefined);
  if (empty !== undefined) {
    return reply
      .code(400)
      .send({ error: `rules API: no JSON content for ${empty}; send the file as the body` });
  }

  const stored = await readRuleFolder(rulesDir);
  const plan = planSave(stored, changes);
  if (plan.kind === 'not-found') {
    log.info({ file: plan.file }, 'rules save rejected: file not found');
    return reply.code(404).send({
      error:
        `rules API: ${plan.file} not found in the rules folder; ` +
        'the editor changes existing files only',
    });
  }
  if (plan.kind === 'conflict') {
    log.info({ file: plan.file }, 'rules save rejected: file changed on disk');
    return reply.code(409).send({
      error:
        `rules API: ${plan.file} changed on disk since the editor loaded it; ` +
        'reload and apply the edit again',
      file: plan.file,
      raw: plan.current.raw,
      version: plan.current.version,
    });
  }

  const problems: ShownProblem[] = [...checkRuleFiles(plan.allFiles, readSchemas())];
  if (problems.length > 0) {
    const codes = [...new Set(problems.map((problem) => problem.code))];
    log.info(
      { files: Object.keys(changes), problems: problems.length, codes },
      'rules save rejected: invalid',
    );
    return reply
      .code(422)
      .send({ error: 'rules API: the rule files are invalid; nothing was saved', problems });
  }

  await writeRuleFiles(rulesDir, plan.texts);
  log.info({ files: Object.keys(plan.texts) }, 'rules saved');
  return describeFolder(await readRuleFolder(rulesDir));
}

/** The editor plugin, registered by the HTTP server: `app.register(editorRoutes, options)`. */
export default fastifyPlugin(editorRoutes, { name: 'ringback-editor', fastify: '5.x' });
