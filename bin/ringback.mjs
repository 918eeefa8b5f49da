#!/usr/bin/env node
// Loads the TypeScript command line in this process through tsx, so a checkout needs no build
// step and signals such as Ctrl-C reach the command itself.
import { register } from 'tsx/esm/api';

register();
await import('../worker/cli.ts');
