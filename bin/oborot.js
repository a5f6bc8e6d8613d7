#!/usr/bin/env node
// The `oborot` command: runs the TypeScript CLI through tsx so a fresh checkout needs no compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
