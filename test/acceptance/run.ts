import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Acceptance checks against the real retail data in ../shared/data (not part of a user's clone).
 * Each `*.acceptance.ts` beside this file exports `run(sharedDataDir)`. Under CI=true a missing
 * shared folder is a failure; elsewhere the checks are skipped with a note.
 */
const SHARED = resolve(process.env.ONES_SHARED_DATA ?? join(import.meta.dirname, '../../../shared/data'));

if (!existsSync(join(SHARED, 'MANIFEST.md'))) {
  const msg = `acceptance: ${SHARED} not found (it sits beside the project on developer machines and in CI)`;
  if (process.env.CI === 'true') {
    console.error(`${msg}; failing because CI=true.`);
    process.exit(1);
  }
  console.log(`${msg}; skipped.`);
  process.exit(0);
}

// Every data file the manifest lists must be there and readable.
const manifest = readFileSync(join(SHARED, 'MANIFEST.md'), 'utf8');
const listed = [...manifest.matchAll(/^\| `([^`*]+)` \|/gm)].map((m) => m[1] as string);
const missing = listed.filter((f) => !existsSync(join(SHARED, f)));
if (listed.length === 0 || missing.length > 0) {
  console.error(`acceptance: manifest lists ${listed.length} files; missing: ${missing.join(', ') || 'none listed'}`);
  process.exit(1);
}
console.log(`acceptance: shared data present (${listed.length} files listed in MANIFEST.md)`);

let passed = 0;
let failed = 0;
const here = import.meta.dirname;
for (const file of readdirSync(here)
  .filter((f) => f.endsWith('.acceptance.ts'))
  .sort()) {
  const mod = (await import(join(here, file))) as { run(dir: string): Promise<void> };
  try {
    await mod.run(SHARED);
    passed++;
    console.log(`ok   ${file}`);
  } catch (err) {
    failed++;
    console.error(`FAIL ${file}: ${(err as Error).message}`);
  }
}
console.log(`acceptance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
