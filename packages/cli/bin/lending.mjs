#!/usr/bin/env node
// Runs the TypeScript entry point through tsx, in-process (stdin, stdout and the exit code are
// the command's own).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
