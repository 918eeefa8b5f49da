import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import editorRoutes, { type EditorRoutesOptions } from '../../worker/editor-routes.ts';
import { copyRules } from './harness.ts';

/** A documentation-range address (RFC 5737): only a label for inject(), no traffic is sent. */
const OUTSIDE_ADDRESS = '192.0.2.10';
const LOOPBACK = { remoteAddress: '127.0.0.1', headers: { host: '127.0.0.1:8080' } };

let rulesDir: string;
let app: FastifyInstance;

async function buildApp(options: EditorRoutesOptions = {}) {
  const instance = Fastify({ logger: false });
  await instance.register(editorRoutes, { rulesDir, token: '', ...options });
  await instance.ready();
  return instance;
}

function readRule(file: string) {
  return readFileSync(join(rulesDir, file), 'utf8');
}

function changedLineCount(before: string, after: string): number {
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  const removed = beforeLines.filter((line) => !afterLines.includes(line)).length;
  const added = afterLines.filter((line) => !beforeLines.includes(line)).length;
  return Math.max(removed, added);
}

/** Returns the versions GET /api/rules reports for the named files. */
async function versionsOf(files: string[]): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'GET', url: '/api/rules', ...LOOPBACK });
  const versions = response.json().versions as Record<string, string>;
  return Object.fromEntries(files.map((file) => [file, versions[file]]));
}

/** Returns loopback request headers with If-Match set to the file's current version. */
async function ifMatch(file: string) {
  const versions = await versionsOf([file]);
  return { ...LOOPBACK.headers, 'if-match': `"${versions[file]}"` };
}

beforeEach(async () => {
  rulesDir = copyRules();
  app = await buildApp();
});

afterEach(async () => {
  await app.close();
  rmSync(rulesDir, { recursive: true, force: true });
});

describe('GET /api/rules', () => {
  it('returns parsed files, raw text, versions and schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/rules', ...LOOPBACK });
    const body = response.json();

    expect(response.statusCode).toBe(200);
    expect(body.files['triage.json'].rules.length).toBeGreaterThan(0);
    expect(body.raw['triage.json']).toBe(readRule('triage.json'));
    expect(body.versions['triage.json']).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(body.schemas)).toContain('triage.schema.json');
    expect(body.templateVars.company.name).toBe('Apex Plumbing');
  });

  it('leaves out the server folder path', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/rules', ...LOOPBACK });

    expect(response.json().dir).toBeUndefined();
    expect(response.body).not.toContain(rulesDir);
  });
});

describe('PUT /api/rules/:file', () => {
  it('saves a one-word change as a one-line diff', async () => {
    const before = readRule('triage.json');
    const triage = JSON.parse(before);
    triage.rules[0].priority += 5;

    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: triage,
      ...LOOPBACK,
      headers: await ifMatch('triage.json'),
    });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(readRule('triage.json'))).toEqual(triage);
    expect(changedLineCount(before, readRule('triage.json'))).toBe(1);
  });

  it('rejects invalid rules with 422 and leaves the file alone', async () => {
    const before = readRule('triage.json');
    const triage = JSON.parse(before);
    triage.rules[0].priority = 0;
    triage.rules[1].event.params.template = 'no_such_template';

    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: triage,
      ...LOOPBACK,
      headers: await ifMatch('triage.json'),
    });
    const problems = response.json().problems as { code: string; path: string }[];

    expect(response.statusCode).toBe(422);
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'schema', path: '/rules/0/priority' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'unknown-template', path: '/rules/1/event/params/template' }),
    );
    expect(readRule('triage.json')).toBe(before);
  });

  it('rejects a save based on an older version with 409', async () => {
    const triage = JSON.parse(readRule('triage.json'));
    writeFileSync(join(rulesDir, 'triage.json'), `${JSON.stringify(triage, null, 2)}\n`);

    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: triage,
      ...LOOPBACK,
      headers: { ...LOOPBACK.headers, 'if-match': '"0000000000000000"' },
    });

    expect(response.statusCode).toBe(409);
  });

  it('rejects names outside the rules folder', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/..%2Fpackage.json',
      payload: {},
      ...LOOPBACK,
      headers: { ...LOOPBACK.headers, 'if-match': '"0000000000000000"' },
    });

    expect(response.statusCode).toBe(400);
  });

  it('rejects files that do not exist yet', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/new.json',
      payload: {},
      ...LOOPBACK,
      headers: { ...LOOPBACK.headers, 'if-match': '"0000000000000000"' },
    });

    expect(response.statusCode).toBe(404);
  });

  it('requires If-Match with 428', async () => {
    const before = readRule('triage.json');
    const triage = JSON.parse(before);
    triage.rules[0].priority += 5;

    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: triage,
      ...LOOPBACK,
    });

    expect(response.statusCode).toBe(428);
    expect(response.json().error).toContain('If-Match');
    expect(readRule('triage.json')).toBe(before);
  });

  it('rejects business.json with 403', async () => {
    const before = readRule('business.json');
    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/business.json',
      payload: JSON.parse(before),
      ...LOOPBACK,
      headers: await ifMatch('business.json'),
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error).toContain('business.json');
    expect(readRule('business.json')).toBe(before);
  });
});

describe('PUT /api/rules', () => {
  it('rejects a priority above the maximum with 422', async () => {
    const before = readRule('triage.json');
    const triage = JSON.parse(before);
    triage.rules[0].priority = 99999999999999999999;

    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules',
      payload: { files: { 'triage.json': triage }, versions: await versionsOf(['triage.json']) },
      ...LOOPBACK,
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().problems).toContainEqual(
      expect.objectContaining({ code: 'schema', path: '/rules/0/priority' }),
    );
    expect(readRule('triage.json')).toBe(before);
  });

  it('requires a version for every file', async () => {
    const before = readRule('triage.json');
    const triage = JSON.parse(before);
    triage.rules[0].priority += 5;
    const templates = JSON.parse(readRule('templates.json'));

    const withoutField = await app.inject({
      method: 'PUT',
      url: '/api/rules',
      payload: { files: { 'triage.json': triage } },
      ...LOOPBACK,
    });
    const withOneMissing = await app.inject({
      method: 'PUT',
      url: '/api/rules',
      payload: {
        files: { 'triage.json': triage, 'templates.json': templates },
        versions: await versionsOf(['templates.json']),
      },
      ...LOOPBACK,
    });

    expect(withoutField.statusCode).toBe(400);
    expect(withoutField.json().error).toContain('"versions"');
    expect(withOneMissing.statusCode).toBe(400);
    expect(withOneMissing.json().error).toContain('triage.json');
    expect(readRule('triage.json')).toBe(before);
  });

  it('rejects business.json with 403', async () => {
    const before = readRule('business.json');
    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules',
      payload: {
        files: { 'business.json': JSON.parse(before) },
        versions: await versionsOf(['business.json']),
      },
      ...LOOPBACK,
    });

    expect(response.statusCode).toBe(403);
    expect(readRule('business.json')).toBe(before);
  });

  it('saves files that refer to each other together', async () => {
    const templates = JSON.parse(readRule('templates.json'));
    const triage = JSON.parse(readRule('triage.json'));
    templates.burst_pipe = {
      description: 'Reply to a burst pipe.',
      text: 'Shut off the main valve now.',
    };
    triage.rules[0].event.params.template = 'burst_pipe';

    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules',
      payload: {
        files: { 'triage.json': triage, 'templates.json': templates },
        versions: await versionsOf(['triage.json', 'templates.json']),
      },
      ...LOOPBACK,
    });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(readRule('triage.json')).rules[0].event.params.template).toBe('burst_pipe');
    expect(JSON.parse(readRule('templates.json')).burst_pipe.text).toBe(
      'Shut off the main valve now.',
    );
  });
});

describe('rules API access without a token', () => {
  it('rejects clients that are not on loopback', async () => {
    const read = await app.inject({
      method: 'GET',
      url: '/api/rules',
      remoteAddress: OUTSIDE_ADDRESS,
    });
    const write = await app.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: {},
      remoteAddress: OUTSIDE_ADDRESS,
    });

    expect(read.statusCode).toBe(403);
    expect(write.statusCode).toBe(403);
  });

  it('rejects requests forwarded by a proxy', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/rules',
      ...LOOPBACK,
      headers: { ...LOOPBACK.headers, 'x-forwarded-for': OUTSIDE_ADDRESS },
    });

    expect(response.statusCode).toBe(403);
  });

  it('rejects a Host that is not a loopback name', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/rules',
      remoteAddress: '127.0.0.1',
      headers: { host: 'rebound.example:8080' },
    });

    expect(response.statusCode).toBe(403);
  });

  it('rejects writes from another origin', async () => {
    const triage = JSON.parse(readRule('triage.json'));
    const response = await app.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: triage,
      ...LOOPBACK,
      headers: { ...LOOPBACK.headers, origin: 'http://attacker.example' },
    });

    expect(response.statusCode).toBe(403);
  });
});

describe('rules API access with RINGBACK_EDITOR_TOKEN', () => {
  it('requires the bearer token, from loopback too', async () => {
    const guarded = await buildApp({ token: 'open-sesame' });
    const missing = await guarded.inject({ method: 'GET', url: '/api/rules', ...LOOPBACK });
    const wrong = await guarded.inject({
      method: 'GET',
      url: '/api/rules',
      ...LOOPBACK,
      headers: { ...LOOPBACK.headers, authorization: 'Bearer guess' },
    });
    await guarded.close();

    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect(wrong.statusCode).toBe(401);
  });

  it('accepts the token from any address', async () => {
    const guarded = await buildApp({ token: 'open-sesame' });
    const triage = JSON.parse(readRule('triage.json'));
    const response = await guarded.inject({
      method: 'PUT',
      url: '/api/rules/triage.json',
      payload: triage,
      remoteAddress: OUTSIDE_ADDRESS,
      headers: {
        host: 'rules.example',
        authorization: 'Bearer open-sesame',
        'if-match': `"${(await versionsOf(['triage.json']))['triage.json']}"`,
      },
    });
    await guarded.close();

    expect(response.statusCode).toBe(200);
  });
});

describe('editor page', () => {
  it('redirects /editor to /editor/', async () => {
    const response = await app.inject({ method: 'GET', url: '/editor' });

    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/editor/');
  });
});
