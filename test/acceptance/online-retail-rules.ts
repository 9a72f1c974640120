import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ONES = join(import.meta.dirname, '../../bin/ones.js');

/**
 * What `ones rules` must find in the Online Retail history, counted independently from the file
 * with the same definitions (invoices not starting with C, empty ones included; stock codes with
 * summed quantity ≥ 1; the non-product codes left out) by a brute-force count.
 */
const EXPECTED: {
  args: string[];
  baskets: number;
  itemsets: number;
  rules: number;
  top: { confidence: Record<string, string>; support: string; lift: string };
}[] = [
  {
    args: ['--country', 'France', '--min-support', '0.07'],
    baskets: 392,
    itemsets: 53,
    rules: 26,
    // Equal lift and support both ways; which comes first follows the products' ids.
    top: { confidence: { '22726 → 22727': '0.815789', '22727 → 22726': '0.837838' }, support: '0.079082', lift: '8.642959' },
  },
  {
    args: ['--country', 'Germany', '--min-support', '0.05'],
    baskets: 457,
    itemsets: 60,
    rules: 18,
    top: { confidence: { '20719 → 20724': '0.465517', '20724 → 20719': '0.843750' }, support: '0.059081', lift: '6.648168' },
  },
];

/** Runs `ones rules` on the imported history (a PGlite folder no other process has open) and checks what it prints. */
export async function checkRules(dataDir: string, retailer: string) {
  for (const want of EXPECTED) {
    const { stdout } = await run(process.execPath, [ONES, 'rules', '--retailer', retailer, ...want.args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
      timeout: 300_000,
    });
    console.log(`  $ ones rules ${want.args.join(' ')}\n${stdout.replace(/^/gm, '    ').trimEnd()}`);
    const counts = stdout.match(/([\d,]+) baskets, [\d,]+ items — ([\d,]+) frequent itemsets, ([\d,]+) rules/);
    if (!counts) throw new Error(`ones rules ${want.args.join(' ')} printed no counts`);
    const [baskets, itemsets, rules] = counts.slice(1).map((n) => Number(n.replace(/,/g, '')));
    const expect = (what: string, got: unknown, wanted: unknown) => {
      if (got !== wanted) throw new Error(`ones rules ${want.args.join(' ')}: ${what} ${got}, expected ${wanted}`);
    };
    expect('baskets', baskets, want.baskets);
    expect('frequent itemsets', itemsets, want.itemsets);
    expect('rules', rules, want.rules);
    const first = stdout.split('\n').find((l) => l.includes('support ') && l.includes('→')) ?? '';
    const m = first.match(/^\s+(\S+) .*→ (\S+) .*support (\S+)\s+confidence (\S+)\s+lift (\S+)/);
    const best = m ? `${m[1]} → ${m[2]}` : first;
    const confidence = want.top.confidence[best];
    if (!confidence)
      throw new Error(`ones rules ${want.args.join(' ')}: best rule ${best}, expected ${Object.keys(want.top.confidence).join(' or ')}`);
    expect('its support', m?.[3], want.top.support);
    expect('its confidence', m?.[4], confidence);
    expect('its lift', m?.[5], want.top.lift);
    if (Number(m?.[5]) <= 1) throw new Error('the best rule should make buying together likelier than chance');
  }
}
