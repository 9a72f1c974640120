#!/usr/bin/env node
// The `ones` command: runs the TypeScript CLI through tsx's loader, from wherever it is called.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
