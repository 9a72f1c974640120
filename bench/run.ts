/**
 * `npm run bench -- NAME [--quick]`: runs one benchmark, which prints `BENCH NAME key=value …`
 * lines. Each compares against a baseline measured in the same run, since these machines are noisy.
 */
const BENCHMARKS: Record<string, () => Promise<{ run(opts: { quick: boolean }): Promise<void> }>> = {
  http: () => import('./http.bench.ts'),
  lookup: () => import('./lookup.bench.ts'),
  import: () => import('./import.bench.ts'),
  sales: () => import('./sales.bench.ts'),
  catalog: () => import('./catalog.bench.ts'),
  recommend: () => import('./recommend.bench.ts'),
  rules: () => import('./rules.bench.ts'),
  substitutes: () => import('./substitutes.bench.ts'),
  encounter: () => import('./encounter.bench.ts'),
  'encounter-screen': () => import('./encounter-screen.bench.ts'),
  feedback: () => import('./feedback.bench.ts'),
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const selected = names.length === 0 || names.includes('all') ? Object.keys(BENCHMARKS) : names;

for (const name of selected) {
  const load = BENCHMARKS[name];
  if (!load) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHMARKS).join(', ')}.`);
    process.exit(2);
  }
  await (await load()).run({ quick });
}
