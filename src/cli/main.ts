import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { buildApp } from '../server/app.ts';
import { type Config, loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadDemo, removeDemo } from '../server/demo/demo.ts';
import { loadDemoVisits } from '../server/demo/demo-visits.ts';
import type { Deps } from '../server/deps.ts';
import { AppError } from '../server/http/errors.ts';
import { buildWebIfNeeded, prepareDatabase, serve } from '../server/main.ts';
import type { AuditContext } from '../server/modules/audit/audit.repo.ts';
import { systemPrincipal } from '../server/modules/auth/principal.ts';
import { IMPORT_FORMATS, type ImportFormat, importCustomers } from '../server/modules/imports/import-customers.ts';
import { importProducts } from '../server/modules/imports/import-products.ts';
import { importReviews, parseProductMapping } from '../server/modules/imports/import-reviews.ts';
import { type ImportCounts, unpacked } from '../server/modules/imports/import-runs.ts';
import { importSalesHistory } from '../server/modules/imports/import-sales.ts';
import { importStockLevels } from '../server/modules/imports/import-stock.ts';
import { bestRules, computeRules, DEFAULT_THRESHOLDS, type RulesProgress } from '../server/modules/rules/rules.service.ts';
import { createStaff, listVisibleStaff, setStaffActive } from '../server/modules/staff/staff.service.ts';
import { createApiToken } from '../server/modules/tokens/tokens.service.ts';
import { ROLES, type Role } from '../shared/domain/roles.ts';
import { parseCsv } from '../shared/formats/csv.ts';
import { type ColumnMapping, isShopifyHeader } from '../shared/formats/customer-columns.ts';
import type { ProductMapping } from '../shared/formats/product-columns.ts';

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The format a file's name and first line say it is. */
function detectFormat(file: string): ImportFormat {
  if (/\.(vcf|vcard)$/i.test(file)) return 'vcard';
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(file, 'r');
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.subarray(0, n).toString('utf8');
  if (/^\s*BEGIN:VCARD/i.test(text)) return 'vcard';
  const header = parseCsv(text.split(/\r?\n/)[0] ?? '')[0]?.fields ?? [];
  return isShopifyHeader(header) ? 'shopify' : 'csv';
}

/** A progress bar on stderr (a line per 10% when stderr is not a terminal). */
/** A progress bar on standard error: over the file's bytes read, with a summary of the counts so far. */
function progressPrinter(total: number) {
  let lastTenth = -1;
  return (bytesRead: number, summary: string) => {
    const share = total > 0 ? Math.min(1, bytesRead / total) : 1;
    const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '·');
    const line = `${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${megabytes(bytesRead)} of ${megabytes(total)} · ${summary}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

/** A retailer's store by name or id, with a clear error listing the ones it has. */
async function storeBy(deps: Deps, retailer: { id: string; name: string }, nameOrId: string) {
  const stores = await deps.db.selectFrom('stores').select(['id', 'name']).where('retailer_id', '=', retailer.id).execute();
  const store = stores.find((s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.trim().toLowerCase());
  if (!store) throw new Error(`${retailer.name} has no store "${nameOrId}"; it has ${stores.map((s) => s.name).join(', ')}.`);
  return store;
}

/** Runs `fn` with a migrated database and service deps, then closes it. */
async function withDeps<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await prepareDatabase(config, { demo: false, log: (m) => console.error(m) });
  try {
    return await fn({ db: database.db, config, now: () => new Date() });
  } finally {
    await database.close();
  }
}

/** Finds a retailer by slug or id, with a clear error listing the ones that exist. */
async function retailerBy(deps: Deps, ref: string) {
  const row = await deps.db
    .selectFrom('retailers')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('slug', '=', ref), eb('id', '=', ref)]))
    .executeTakeFirst();
  if (row) return row;
  const all = await deps.db.selectFrom('retailers').select('slug').orderBy('slug').execute();
  throw new Error(`No retailer "${ref}". Known: ${all.map((r) => r.slug).join(', ') || 'none (run `ones demo`)'}.`);
}

async function storeIdsBy(deps: Deps, retailerId: string, refs: string[]): Promise<string[]> {
  const stores = await deps.db.selectFrom('stores').select(['id', 'name']).where('retailer_id', '=', retailerId).orderBy('name').execute();
  return refs.map((ref) => {
    const s = stores.find((x) => x.id === ref || x.name.toLowerCase() === ref.toLowerCase());
    if (!s) throw new Error(`No store "${ref}". Known: ${stores.map((x) => x.name).join(', ')}.`);
    return s.id;
  });
}

function cliAudit(retailerId: string): AuditContext {
  return { retailerId, actorType: 'system', actorId: null, requestId: null, ip: null };
}

const program = new Command('ones').description('Ones — clienteling and guided selling for specialty retailers').showHelpAfterError();

program
  .command('serve')
  .description('run the API and web app (PORT, DATABASE_URL, DATA_DIR)')
  .option('--demo', 'load the demo retailers into an empty database', false)
  .action(async (opts: { demo: boolean }) => {
    await serve(loadConfig(), { demo: opts.demo });
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(database.db);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description('load the demo retailers (Bloom & Stem, Hearth & Hue)')
  .option('--reset', 'remove the demo retailers first and load them afresh', false)
  .action(async (opts: { reset: boolean }) => {
    await withDeps(async (deps) => {
      if (opts.reset) await removeDemo(deps.db);
      const exists = await deps.db.selectFrom('retailers').select('id').where('slug', '=', 'bloom-and-stem').executeTakeFirst();
      if (exists) {
        console.log('The demo retailers are already loaded (use --reset to load them afresh).');
        return;
      }
      await loadDemo(deps.db);
      await loadDemoVisits(deps);
      console.log('Loaded the demo retailers. Sign in with any demo account and the password "ones-demo".');
    });
  });

const staff = program.command('staff').description('manage staff');
staff
  .command('add')
  .description('add a person to a retailer')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--email <email>', 'e-mail they sign in with')
  .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
  .option('--store <store...>', 'store names or ids they work in')
  .option('--title <title>', 'job title, e.g. "Security officer"')
  .option('--password <password>', 'initial password (at least 8 characters)')
  .option('--pin <pin>', 'PIN for shared store devices (4–8 digits)')
  .action(
    async (opts: {
      retailer: string;
      name: string;
      email: string;
      role: Role;
      store?: string[];
      title?: string;
      password?: string;
      pin?: string;
    }) => {
      if (opts.password && opts.password.length < 8) throw new Error('--password must be at least 8 characters.');
      if (opts.pin && !/^\d{4,8}$/.test(opts.pin)) throw new Error('--pin must be 4 to 8 digits.');
      await withDeps(async (deps) => {
        const retailer = await retailerBy(deps, opts.retailer);
        const storeIds = await storeIdsBy(deps, retailer.id, opts.store ?? []);
        const row = await createStaff(deps, systemPrincipal(retailer.id), cliAudit(retailer.id), {
          name: opts.name,
          email: opts.email,
          role: opts.role,
          title: opts.title ?? null,
          storeIds,
          password: opts.password,
          pin: opts.pin,
        });
        console.log(`Added ${row.name} <${row.email}> as ${row.role} (${row.id}) at ${retailer.name}.`);
        if (!opts.password) console.log('They have no password yet: a manager can issue a reset link from the Team screen.');
      });
    },
  );
staff
  .command('deactivate')
  .description('stop a person signing in; their sessions end at once')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .requiredOption('--email <email>', 'their e-mail')
  .action(async (opts: { retailer: string; email: string }) => {
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const actor = systemPrincipal(retailer.id);
      const people = await listVisibleStaff(deps, actor, { includeInactive: true });
      const person = people.find((p) => p.email === opts.email.trim().toLowerCase());
      if (!person) throw new Error(`No one with the e-mail ${opts.email} at ${retailer.name}.`);
      await setStaffActive(deps, actor, cliAudit(retailer.id), person.id, false);
      console.log(`Deactivated ${person.name} <${person.email}>.`);
    });
  });

program
  .command('token')
  .description('manage API tokens')
  .command('create')
  .description('create an integration token (printed once)')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .requiredOption('--name <name>', 'what the token is for, e.g. "POS sync"')
  .addOption(new Option('--role <role>', 'the role the token acts as').choices([...ROLES]).makeOptionMandatory())
  .option('--store <store...>', 'store names or ids it may use')
  .option('--all-stores', 'may use every store', false)
  .action(async (opts: { retailer: string; name: string; role: Role; store?: string[]; allStores: boolean }) => {
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const storeIds = await storeIdsBy(deps, retailer.id, opts.store ?? []);
      const { token, row } = await createApiToken(deps, systemPrincipal(retailer.id), cliAudit(retailer.id), {
        name: opts.name,
        role: opts.role,
        storeIds,
        allStores: opts.allStores,
      });
      console.log(`Created token ${row.id} (${row.role}). Send it as "Authorization: Bearer <token>"; it is shown only now:\n${token}`);
    });
  });

const imports = program.command('import').description('import data from files');

imports
  .command('sales')
  .description(
    'import a sales history with one line per row (invoice, stock code, description, quantity, date, unit price, customer, country); .gz and .br files are read as they are',
  )
  .argument('<file>', 'the file to import')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .requiredOption('--store <name>', 'the store the sales were made in (name or id)')
  .action(async (file: string, opts: { retailer: string; store: string }) => {
    if (!existsSync(file)) throw new Error(`No file ${file}.`);
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const store = await storeBy(deps, retailer, opts.store);
      const total = statSync(file).size;
      const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
      let rawRead = 0;
      raw.on('data', (chunk) => {
        rawRead += chunk.length;
      });
      const source = unpacked(raw, file);
      console.error(`Importing ${basename(file)} (${megabytes(total)}) into ${retailer.name}, ${store.name}.`);
      const progress = progressPrinter(total);
      const count = (n: number) => n.toLocaleString('en');
      const audit: AuditContext = { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null };
      const report = await importSalesHistory(deps, audit, source, {
        storeId: store.id,
        fileName: basename(file),
        onProgress: (r) =>
          progress(
            rawRead,
            `${count(r.lines)} lines · ${count(r.invoices)} invoices · ${count(r.created)} added · ${count(r.skipped)} already there · ${count(r.failed)} bad`,
          ),
      });
      process.stderr.write('\n');
      console.log(
        `Done: ${count(report.lines)} lines, ${count(report.invoices)} invoices — ${count(report.created)} sales added, ${count(report.skipped)} already recorded; ${count(report.products)} new products, ${count(report.customers)} new customers; ${count(report.failed)} bad lines.`,
      );
      for (const e of report.errors.slice(0, 50)) console.log(`  line ${e.line}: ${e.reason}`);
      if (report.failed > 50) console.log(`  … and ${count(report.failed - 50)} more.`);
    });
  });

imports
  .command('reviews')
  .description(
    'import historical reviews (a rating 1–5, title and text, the product reviewed) as feedback of their own kind; .gz and .br files are read as they are',
  )
  .argument('<file>', 'the file to import')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .option('--store <name>', 'the store the reviews are about (name or id; default: none)')
  .option('--map <file>', 'a CSV of the file’s product id, then a SKU or product handle (default: ids matched to SKUs and handles)')
  .option('--product-column <name>', 'the column holding the product reviewed (default: Clothing ID, Product ID, SKU …)')
  .option('--source <name>', 'what the reviews are from (default: the file name without extensions)')
  .action(async (file: string, opts: { retailer: string; store?: string; map?: string; productColumn?: string; source?: string }) => {
    if (!existsSync(file)) throw new Error(`No file ${file}.`);
    if (opts.map && !existsSync(opts.map)) throw new Error(`No mapping file ${opts.map}.`);
    const mapping = opts.map ? parseProductMapping(readFileSync(opts.map, 'utf8')) : undefined;
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const storeId = opts.store ? (await storeBy(deps, retailer, opts.store)).id : undefined;
      const total = statSync(file).size;
      const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
      let rawRead = 0;
      raw.on('data', (chunk) => {
        rawRead += chunk.length;
      });
      console.error(`Importing ${basename(file)} (${megabytes(total)}) into ${retailer.name}.`);
      const progress = progressPrinter(total);
      const count = (n: number) => n.toLocaleString('en');
      const report = await importReviews(deps, cliAudit(retailer.id), unpacked(raw, file), {
        fileName: basename(file),
        source: opts.source,
        storeId,
        productColumn: opts.productColumn,
        mapping,
        onProgress: (r) =>
          progress(
            rawRead,
            `${count(r.lines)} rows · ${count(r.created)} added · ${count(r.skipped)} already there · ${count(r.unmapped)} unmapped · ${count(r.failed)} bad`,
          ),
      });
      process.stderr.write('\n');
      console.log(
        `Done: ${count(report.lines)} rows — ${count(report.created)} reviews added, ${count(report.skipped)} already imported, ${count(report.failed)} bad rows; ${count(report.mapped)} matched to a product, ${count(report.unmapped)} not.`,
      );
      for (const e of report.errors.slice(0, 50)) console.log(`  line ${e.line}: ${e.reason}`);
      if (report.failed > 50) console.log(`  … and ${count(report.failed - 50)} more.`);
      if (report.unmappedProducts.length) {
        console.log('Products not in the catalog, most reviewed first (map them with --map FILE.csv: file id, SKU or handle):');
        for (const u of report.unmappedProducts) console.log(`  ${u.ref}: ${count(u.reviews)} reviews`);
      }
    });
  });

imports
  .command('products')
  .description(
    'import products from a Shopify product export or any CSV with a column mapping; with --store, quantities are counted into it',
  )
  .argument('<file>', 'the file to import')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .option('--store <name>', 'count the file’s inventory quantities into this store (name or id)')
  .option(
    '--map <json>',
    'CSV column mapping: JSON object {"<header>": "<field>"} or a .json file holding one (default: Shopify’s headings)',
  )
  .action(async (file: string, opts: { retailer: string; store?: string; map?: string }) => {
    if (!existsSync(file)) throw new Error(`No file ${file}.`);
    const mapping = opts.map
      ? (JSON.parse(opts.map.trim().startsWith('{') ? opts.map : readFileSync(opts.map, 'utf8')) as ProductMapping)
      : undefined;
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const storeId = opts.store ? (await storeBy(deps, retailer, opts.store)).id : undefined;
      const audit: AuditContext = { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null };
      const report = await importProducts(deps, audit, createReadStream(file, { highWaterMark: 256 * 1024 }), {
        fileName: basename(file),
        mapping,
        storeId,
      });
      console.log(
        `Done: ${report.lines} rows — ${report.products} products with ${report.variants} variants added, ${report.matched} already in the catalog, ${report.failed} bad rows.`,
      );
      for (const e of report.errors.slice(0, 50)) console.log(`  line ${e.line}: ${e.reason}`);
      for (const w of report.warnings.slice(0, 50)) console.log(`  line ${w.line} (kept): ${w.reason}`);
    });
  });

imports
  .command('stock')
  .description('count stock into a store from a CSV of SKU (or barcode) and quantity')
  .argument('<file>', 'the file to import')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .requiredOption('--store <name>', 'the store counted (name or id)')
  .action(async (file: string, opts: { retailer: string; store: string }) => {
    if (!existsSync(file)) throw new Error(`No file ${file}.`);
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const store = await storeBy(deps, retailer, opts.store);
      const audit: AuditContext = { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null };
      const report = await importStockLevels(deps, audit, createReadStream(file), { storeId: store.id, fileName: basename(file) });
      console.log(`Done: ${report.lines} lines — ${report.counted} counted, ${report.unchanged} unchanged, ${report.failed} bad.`);
      for (const e of report.errors.slice(0, 50)) console.log(`  line ${e.line}: ${e.reason}`);
    });
  });

imports
  .command('customers')
  .description('import customers from a Shopify customer export, any CSV, or vCards (.vcf); streams files of any size')
  .argument('<file>', 'the file to import')
  .requiredOption('--retailer <slug>', 'retailer slug or id')
  .addOption(new Option('--format <format>', 'file format (default: from the file)').choices([...IMPORT_FORMATS]))
  .option(
    '--map <json>',
    'CSV column mapping: JSON object {"<header>": "<field>"} or a .json file holding one (default: guessed from the header)',
  )
  .option('--by <email>', 'staff member recorded as the author of imported notes (default: the first owner)')
  .action(async (file: string, opts: { retailer: string; format?: ImportFormat; map?: string; by?: string }) => {
    if (!existsSync(file)) throw new Error(`No file ${file}.`);
    const format = opts.format ?? detectFormat(file);
    const mapping = opts.map
      ? (JSON.parse(opts.map.trim().startsWith('{') ? opts.map : readFileSync(opts.map, 'utf8')) as ColumnMapping)
      : undefined;
    await withDeps(async (deps) => {
      const retailer = await retailerBy(deps, opts.retailer);
      const author = await deps.db
        .selectFrom('staff')
        .select(['id', 'name'])
        .where('retailer_id', '=', retailer.id)
        .where('active', '=', true)
        .where((eb) => (opts.by ? eb('email', '=', opts.by.trim().toLowerCase()) : eb('role', '=', 'owner')))
        .orderBy('created_at')
        .executeTakeFirst();
      if (!author)
        throw new Error(
          opts.by ? `No active staff member ${opts.by} at ${retailer.name}.` : `${retailer.name} has no active owner; pass --by.`,
        );
      const total = statSync(file).size;
      const fileName = basename(file);
      console.error(`Importing ${fileName} (${format}, ${megabytes(total)}) into ${retailer.name}; notes by ${author.name}.`);
      const progress = progressPrinter(total);
      const count = (n: number) => n.toLocaleString('en');
      const audit: AuditContext = { retailerId: retailer.id, actorType: 'staff', actorId: author.id, requestId: null, ip: null };
      const id = await importCustomers(deps, audit, createReadStream(file, { highWaterMark: 256 * 1024 }), {
        format,
        fileName,
        mapping,
        bytesTotal: total,
        onProgress: (c: ImportCounts) =>
          progress(c.bytesRead, `${count(c.rows)} rows · ${count(c.created)} added · ${count(c.matched)} matched · ${count(c.failed)} bad`),
      });
      const report = await deps.db
        .selectFrom('imports')
        .selectAll()
        .where('retailer_id', '=', retailer.id)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      process.stderr.write('\n');
      console.log(
        `Done: ${report.rows} rows — ${report.created} added, ${report.matched} already in the book, ${report.failed} bad, ${report.empty} empty rows skipped. Report ${id}.`,
      );
      for (const e of report.errors.slice(0, 50)) console.log(`  line ${e.line}: ${e.reason}`);
      if (report.failed > 50) console.log(`  … and ${report.failed - 50} more (see the report in the web app).`);
    });
  });

/** A number option, refusing what is not one. */
const numberOption = (name: string) => (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`${name} must be a number, not "${value}".`);
  return n;
};

program
  .command('rules')
  .description('recompute the "goes well with" rules from the baskets of a country, a store or all sales, in batches')
  .option('--retailer <slug>', 'retailer slug or id (default: the only retailer)')
  .option('--country <country>', 'only invoices of this country (English name or ISO code)')
  .option('--store <name>', 'only sales of this store (name or id)')
  .option(
    '--min-support <x>',
    `share of baskets an itemset must be in, 0 < x ≤ 1 (default ${DEFAULT_THRESHOLDS.minSupport})`,
    numberOption('--min-support'),
  )
  .option('--min-confidence <y>', `0 ≤ y ≤ 1 (default ${DEFAULT_THRESHOLDS.minConfidence})`, numberOption('--min-confidence'))
  .option('--min-lift <z>', `z ≥ 0 (default ${DEFAULT_THRESHOLDS.minLift})`, numberOption('--min-lift'))
  .option('--top <n>', 'how many of the best rules to print', numberOption('--top'), 10)
  .action(
    async (opts: {
      retailer?: string;
      country?: string;
      store?: string;
      minSupport?: number;
      minConfidence?: number;
      minLift?: number;
      top: number;
    }) => {
      await withDeps(async (deps) => {
        let retailer: { id: string; name: string };
        if (opts.retailer) retailer = await retailerBy(deps, opts.retailer);
        else {
          const all = await deps.db.selectFrom('retailers').select(['id', 'name', 'slug']).orderBy('slug').execute();
          if (all.length !== 1)
            throw new Error(`Say which retailer with --retailer: ${all.map((r) => r.slug).join(', ') || 'there are none'}.`);
          retailer = all[0] as { id: string; name: string };
        }
        const store = opts.store ? await storeBy(deps, retailer, opts.store) : null;
        const count = (n: number) => n.toLocaleString('en');
        const words = { reading: 'baskets read', itemsets: 'items explored', rules: 'itemsets turned into rules', saving: 'rules saved' };
        let shown = '';
        const progress = (p: RulesProgress) => {
          const line = `${p.phase}: ${count(p.done)} of ${count(p.of)} ${words[p.phase]}`;
          const tenth = `${p.phase}${p.of ? Math.floor((p.done / p.of) * 10) : 10}`;
          if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(70)}`);
          else if (tenth !== shown) process.stderr.write(`${line}\n`);
          shown = tenth;
        };
        console.error(
          `Computing rules for ${retailer.name}${opts.country ? `, ${opts.country}` : ''}${store ? `, ${store.name}` : ''}, from sales in batches.`,
        );
        const run = await computeRules(
          deps,
          cliAudit(retailer.id),
          {
            country: opts.country,
            storeId: store?.id,
            minSupport: opts.minSupport,
            minConfidence: opts.minConfidence,
            minLift: opts.minLift,
          },
          { onProgress: progress },
        );
        if (process.stderr.isTTY) process.stderr.write('\n');
        const t = run.thresholds;
        console.log(
          `Rules ${run.id}: ${count(run.baskets)} baskets, ${count(run.items)} items — ${count(run.itemsets)} frequent itemsets, ${count(run.rules)} rules (min support ${t.minSupport}, min confidence ${t.minConfidence}, min lift ${t.minLift}) in ${run.seconds.toFixed(1)} s.`,
        );
        if (run.baskets === 0) console.log('There are no sales in this selection, so there is nothing to learn from.');
        const best = await bestRules(deps, retailer.id, run.id, opts.top);
        if (best.length) console.log(`Best ${best.length} by lift:`);
        const side = (items: { sku: string | null; title: string }[]) => items.map((i) => `${i.sku ?? '—'} ${i.title}`).join(' + ');
        for (const r of best)
          console.log(
            `  ${side(r.antecedent)} → ${side(r.consequent)}  support ${r.support.toFixed(6)}  confidence ${r.confidence.toFixed(6)}  lift ${r.lift.toFixed(6)}`,
          );
      });
    },
  );

program
  .command('openapi')
  .description('write the OpenAPI document')
  .option('--out <file>', 'file to write (default: standard output)')
  .action(async (opts: { out?: string }) => {
    const config: Config = { ...loadConfig(), databaseUrl: undefined };
    const app = await buildApp({ db: undefined as never, config, now: () => new Date() });
    await app.ready();
    const text = JSON.stringify(app.swagger(), null, 2);
    if (opts.out) writeFileSync(opts.out, text);
    else console.log(text);
    await app.close();
  });

program
  .command('build-web')
  .description('build the web app if its sources changed')
  .action(async () => {
    await buildWebIfNeeded(loadConfig(), console.log);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  const message =
    err instanceof AppError
      ? `${err.message}${err.fields ? ` (${err.fields.map((f) => f.field).join(', ')})` : ''}`
      : err instanceof Error
        ? err.message
        : String(err);
  console.error(`ones: ${message}`);
  process.exit(1);
});
