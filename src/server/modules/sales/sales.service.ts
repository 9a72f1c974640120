import { type Kysely, sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, type FieldError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { componentsOf } from '../catalog/catalog.repo.ts';
import { applyPurchase } from '../customers/customers.repo.ts';
import { applyMovement } from '../stock/stock.repo.ts';
import { storeIn } from '../stock/stock.service.ts';

export interface SaleLineInput {
  variantId?: string | undefined;
  sku?: string | undefined;
  quantity: number;
  /** The price charged per unit; the catalog price when absent. */
  unitPrice?: number | undefined;
  /** Off the whole line, in the currency. */
  discount?: number | undefined;
  /** A hold for the customer this line takes its units from. */
  holdId?: string | undefined;
  description?: string | undefined;
}

export interface SaleInput {
  externalId?: string | undefined;
  storeId: string;
  soldAt?: string | undefined;
  staffId?: string | null | undefined;
  customerId?: string | null | undefined;
  visitId?: string | null | undefined;
  currency?: string | undefined;
  note?: string | null | undefined;
  /** Sell what stock does not cover as back-ordered instead of refusing the sale. */
  allowBackorder?: boolean | undefined;
  lines: SaleLineInput[];
}

export interface ReturnInput {
  externalId?: string | undefined;
  storeId?: string | undefined;
  soldAt?: string | undefined;
  note?: string | null | undefined;
  lines: { lineNo: number; quantity: number; restock?: boolean | undefined }[];
  /** What the customer takes instead (an exchange), sold in the same document. */
  exchange?: SaleLineInput[] | undefined;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The retailer, store and people a sale is recorded against, checked once. */
interface SaleContext {
  retailerId: string;
  currency: string;
  allowNegative: boolean;
  staffId: string | null;
  audit: AuditContext;
}

async function saleContext(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: { storeId: string; staffId?: string | null | undefined; currency?: string | undefined },
) {
  const retailer = await deps.db
    .selectFrom('retailers')
    .select(['currency', 'allow_negative_stock'])
    .where('id', '=', actor.retailerId)
    .executeTakeFirstOrThrow();
  if (input.currency && input.currency.toUpperCase() !== retailer.currency)
    throw invalidField('currency', `Sales are recorded in ${retailer.currency}; "${input.currency}" is not this shop's currency.`);
  await storeIn(deps.db, actor, input.storeId);
  let staffId = input.staffId ?? (actor.kind === 'staff' ? actor.staffId : null);
  if (input.staffId) {
    const staff = await deps.db
      .selectFrom('staff')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', input.staffId)
      .executeTakeFirst();
    if (!staff) throw invalidField('staffId', 'There is no such member of staff.');
    staffId = staff.id;
  }
  return {
    retailerId: actor.retailerId,
    currency: retailer.currency,
    allowNegative: retailer.allow_negative_stock,
    staffId,
    audit,
  } satisfies SaleContext;
}

/** The customer a sale is for: a merged-away profile's sales go to the profile it was merged into. */
async function saleCustomer(db: Kysely<DB>, retailerId: string, id: string | null | undefined) {
  if (!id) return null;
  const c = await db
    .selectFrom('customers')
    .select(['id', 'merged_into_id', 'erased_at'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c || c.erased_at) throw invalidField('customerId', 'There is no such customer.');
  return c.merged_into_id ?? c.id;
}

interface PricedLine {
  variantId: string;
  description: string;
  sku: string | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  holdId: string | null;
  components: { component_id: string; quantity: number }[];
}

/** Resolves and prices lines against the catalog; every problem is named by its line. */
async function priceLines(db: Kysely<DB>, retailerId: string, lines: SaleLineInput[], field: string): Promise<PricedLine[]> {
  const errors: FieldError[] = [];
  const ids = lines.flatMap((l) => (l.variantId ? [l.variantId] : []));
  const skus = lines.flatMap((l) => (!l.variantId && l.sku ? [l.sku] : []));
  const variants = await db
    .selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select(['v.id', 'v.sku', 'v.title', 'v.price', 'v.retired', 'p.status', 'p.title as product_title'])
    .where('v.retailer_id', '=', retailerId)
    .where((eb) => eb.or([eb('v.id', 'in', ids.length ? ids : ['']), eb('v.sku', 'in', skus.length ? skus : [''])]))
    .execute();
  const components = await componentsOf(
    db,
    retailerId,
    variants.map((v) => v.id),
  );
  const priced: PricedLine[] = [];
  for (const [i, l] of lines.entries()) {
    const v = variants.find((x) => (l.variantId ? x.id === l.variantId : x.sku === l.sku));
    if (!v) {
      errors.push({
        field: `${field}[${i}].${l.variantId ? 'variantId' : 'sku'}`,
        message: l.variantId || l.sku ? 'There is no such product variant.' : 'Say which variant (variantId or sku).',
      });
      continue;
    }
    if (v.retired || v.status === 'retired') {
      errors.push({
        field: `${field}[${i}].${l.variantId ? 'variantId' : 'sku'}`,
        message: `${variantLabel(v.product_title, v.title)} is no longer sold (it was retired).`,
      });
      continue;
    }
    const unitPrice = l.unitPrice ?? v.price;
    const discount = l.discount ?? 0;
    if (discount > round2(unitPrice * l.quantity))
      errors.push({ field: `${field}[${i}].discount`, message: 'The discount is more than the line costs.' });
    priced.push({
      variantId: v.id,
      description: l.description?.trim() || variantLabel(v.product_title, v.title),
      sku: v.sku,
      quantity: l.quantity,
      unitPrice,
      discount,
      total: round2(unitPrice * l.quantity - discount),
      holdId: l.holdId ?? null,
      components: components.get(v.id) ?? [],
    });
  }
  if (errors.length) throw new AppError('validation_failed', errors[0]?.message ?? 'Some lines are not valid.', { fields: errors });
  return priced;
}

/**
 * Takes a line's units from the store: from a hold when it names one, from a bundle's components
 * for a bundle. Units stock does not cover are refused — or back-ordered when allowed.
 */
async function takeStock(
  trx: Kysely<DB>,
  ctx: SaleContext,
  sale: { id: string; storeId: string; customerId: string | null; at: Date; allowBackorder: boolean },
  line: PricedLine,
  field: string,
): Promise<number> {
  if (line.holdId) {
    const held = await trx
      .updateTable('stock_holds')
      .set({ status: 'sold', closed_at: sale.at })
      .where('retailer_id', '=', ctx.retailerId)
      .where('id', '=', line.holdId)
      .where('status', '=', 'active')
      .where('variant_id', '=', line.variantId)
      .where('store_id', '=', sale.storeId)
      .returning('customer_id')
      .executeTakeFirst();
    if (!held) throw invalidField(`${field}.holdId`, 'That hold is not active for this item in this store.');
    if (held.customer_id && held.customer_id !== sale.customerId)
      throw invalidField(`${field}.holdId`, 'That hold is for another customer.');
  }
  const parts = line.components.length
    ? line.components.map((c) => ({ id: c.component_id, per: c.quantity }))
    : [{ id: line.variantId, per: 1 }];
  const move = (id: string, quantity: number) =>
    applyMovement(
      trx,
      {
        retailerId: ctx.retailerId,
        storeId: sale.storeId,
        variantId: id,
        quantity: -quantity,
        reason: 'sale',
        saleId: sale.id,
        staffId: ctx.staffId,
        at: sale.at,
      },
      { allowShort: ctx.allowNegative },
    );
  const short: { id: string; available: number }[] = [];
  for (const p of parts) {
    const r = await move(p.id, p.per * line.quantity);
    if (!r.applied) short.push({ id: p.id, available: r.available });
  }
  if (short.length === 0) return 0;
  if (!sale.allowBackorder) {
    const made = Math.min(...parts.map((p) => Math.floor((short.find((s) => s.id === p.id)?.available ?? p.per * line.quantity) / p.per)));
    throw new AppError('conflict', `Only ${made} of ${line.description} available in this store.`, {
      fields: [{ field: `${field}.quantity`, message: `only ${made} available` }],
      details: { variantId: line.variantId, available: made },
    });
  }
  // Back-order what is missing: take what there is of the short parts (the others were taken in full).
  let covered = line.quantity;
  for (const s of short) {
    const per = parts.find((p) => p.id === s.id)?.per ?? 1;
    covered = Math.min(covered, Math.floor(s.available / per));
  }
  for (const s of short) {
    const per = parts.find((p) => p.id === s.id)?.per ?? 1;
    if (covered > 0) await move(s.id, per * covered);
  }
  // Parts taken in full give back what the back-ordered units would have used.
  for (const p of parts)
    if (!short.some((s) => s.id === p.id) && covered < line.quantity)
      await applyMovement(trx, {
        retailerId: ctx.retailerId,
        storeId: sale.storeId,
        variantId: p.id,
        quantity: p.per * (line.quantity - covered),
        reason: 'correction',
        saleId: sale.id,
        note: 'back-ordered',
        staffId: ctx.staffId,
        at: sale.at,
      });
  return line.quantity - covered;
}

const signature = (lines: { variant_id: string | null; quantity: number }[]) =>
  lines
    .map((l) => `${l.variant_id}:${l.quantity}`)
    .sort()
    .join(',');

/** A sale already recorded under this external id: the same one again, or a conflict when it differs. */
async function replayed(db: Kysely<DB>, retailerId: string, externalId: string | undefined, lines: PricedLine[] | null) {
  if (!externalId) return null;
  const existing = await db
    .selectFrom('sales')
    .select(['id'])
    .where('retailer_id', '=', retailerId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (!existing) return null;
  if (lines) {
    const had = await db
      .selectFrom('sale_lines')
      .select(['variant_id', 'quantity'])
      .where('retailer_id', '=', retailerId)
      .where('sale_id', '=', existing.id)
      .execute();
    if (signature(had) !== signature(lines.map((l) => ({ variant_id: l.variantId, quantity: l.quantity }))))
      throw new AppError('conflict', `External id ${externalId} was already used for a different sale.`, {
        details: { saleId: existing.id },
      });
  }
  return existing.id;
}

const isExternalIdClash = (err: unknown) =>
  (err as { code?: string; constraint?: string })?.code === '23505' && (err as { constraint?: string }).constraint === 'sales_external_idx';

/**
 * Records a sale — the one way a purchase enters Ones (the till, a POS through the API, an
 * encounter, an import). In one transaction: the sale and its lines, a stock movement per unit
 * source, holds it used, the customer's lifetime figures and ranking in lookup, and the audit
 * entry. Posting the same external id again returns the sale already recorded.
 */
export async function recordSale(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: SaleInput,
): Promise<{ id: string; replayed: boolean }> {
  const ctx = await saleContext(deps, actor, audit, input);
  const lines = await priceLines(deps.db, actor.retailerId, input.lines, 'lines');
  const again = await replayed(deps.db, actor.retailerId, input.externalId, lines);
  if (again) return { id: again, replayed: true };
  const customerId = await saleCustomer(deps.db, actor.retailerId, input.customerId);
  const at = input.soldAt ? new Date(input.soldAt) : deps.now();
  if (at.getTime() > deps.now().getTime() + 5 * 60_000) throw invalidField('soldAt', 'A sale cannot be recorded in the future.');
  const id = newId('sale');
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sales')
        .values({
          retailer_id: ctx.retailerId,
          id,
          kind: 'sale',
          store_id: input.storeId,
          staff_id: ctx.staffId,
          customer_id: customerId,
          visit_id: input.visitId ?? null,
          external_id: input.externalId ?? null,
          sold_at: at,
          currency: ctx.currency,
          total: round2(lines.reduce((s, l) => s + l.total, 0)),
          discount_total: round2(lines.reduce((s, l) => s + l.discount, 0)),
          note: input.note ?? null,
          created_by: audit.actorId,
          country: sql<string | null>`(select country from stores where retailer_id = ${ctx.retailerId} and id = ${input.storeId})`,
        })
        .execute();
      const backordered: number[] = [];
      for (const [i, line] of lines.entries())
        backordered.push(
          await takeStock(
            trx,
            ctx,
            { id, storeId: input.storeId, customerId, at, allowBackorder: input.allowBackorder ?? false },
            line,
            `lines[${i}]`,
          ),
        );
      await trx
        .insertInto('sale_lines')
        .values(
          lines.map((l, i) => ({
            retailer_id: ctx.retailerId,
            sale_id: id,
            line_no: i + 1,
            variant_id: l.variantId,
            description: l.description,
            sku: l.sku,
            quantity: l.quantity,
            unit_price: l.unitPrice,
            discount: l.discount,
            total: l.total,
            backordered: backordered[i] ?? 0,
          })),
        )
        .execute();
      if (customerId)
        await applyPurchase(trx, ctx.retailerId, customerId, {
          at,
          amount: round2(lines.reduce((s, l) => s + l.total, 0)),
          purchases: 1,
          // An encounter counts its own visit; a sale without one is a visit of its own.
          visits: input.visitId ? 0 : 1,
          storeId: input.storeId,
        });
      await recordAudit(trx, audit, {
        action: 'sale.recorded',
        subjectType: 'sale',
        subjectId: id,
        storeId: input.storeId,
        details: {
          customerId,
          total: round2(lines.reduce((s, l) => s + l.total, 0)),
          lines: lines.length,
          externalId: input.externalId ?? null,
        },
      });
    });
  } catch (err) {
    // The same external id posted twice at once: the other one won; this is that sale.
    if (isExternalIdClash(err)) {
      const winner = await replayed(deps.db, actor.retailerId, input.externalId, lines);
      if (winner) return { id: winner, replayed: true };
    }
    throw err;
  }
  return { id, replayed: false };
}

/**
 * Gives back lines of a sale (refunded at what was paid for them, discount included), optionally
 * restocking them, and sells an exchange in the same document. Never more than was bought, across
 * every return of the sale.
 */
export async function recordReturn(deps: Deps, actor: Principal, audit: AuditContext, saleId: string, input: ReturnInput) {
  const original = await deps.db
    .selectFrom('sales')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', saleId)
    .executeTakeFirst();
  if (!original) throw notFound('Sale');
  if (original.kind !== 'sale')
    throw new AppError('bad_request', 'A return is made against the original sale, not against another return.');
  const storeId = input.storeId ?? original.store_id;
  const ctx = await saleContext(deps, actor, audit, { storeId });
  const exchange = input.exchange?.length ? await priceLines(deps.db, actor.retailerId, input.exchange, 'exchange') : [];
  const again = await replayed(deps.db, actor.retailerId, input.externalId, null);
  if (again) return { id: again, replayed: true };
  const at = input.soldAt ? new Date(input.soldAt) : deps.now();
  const id = newId('sale');
  await deps.db.transaction().execute(async (trx) => {
    // One return of a sale at a time, so two cannot both give back the last unit.
    await trx.selectFrom('sales').select('id').where('retailer_id', '=', actor.retailerId).where('id', '=', saleId).forUpdate().execute();
    const bought = await trx
      .selectFrom('sale_lines')
      .selectAll()
      .where('retailer_id', '=', actor.retailerId)
      .where('sale_id', '=', saleId)
      .execute();
    const given = await returnedByLine(trx, actor.retailerId, saleId);
    const errors: FieldError[] = [];
    const back = input.lines.flatMap((r, i) => {
      const line = bought.find((b) => b.line_no === r.lineNo);
      if (!line) {
        errors.push({ field: `lines[${i}].lineNo`, message: `The sale has no line ${r.lineNo}.` });
        return [];
      }
      const left = line.quantity - line.backordered - (given.get(r.lineNo) ?? 0);
      if (r.quantity > left) {
        errors.push({ field: `lines[${i}].quantity`, message: `Only ${left} of ${line.description} can still be returned.` });
        return [];
      }
      return [{ line, quantity: r.quantity, restock: r.restock ?? true }];
    });
    if (errors.length) throw new AppError('validation_failed', errors[0]?.message ?? 'Some lines cannot be returned.', { fields: errors });
    const returnLines = back.map((b) => ({
      variantId: b.line.variant_id,
      description: b.line.description,
      sku: b.line.sku,
      quantity: -b.quantity,
      unitPrice: b.line.unit_price,
      discount: round2((b.line.discount * b.quantity) / b.line.quantity),
      total: -round2((b.line.total * b.quantity) / b.line.quantity),
      returnsLine: b.line.line_no,
      restock: b.restock,
    }));
    const total = round2(returnLines.reduce((s, l) => s + l.total, 0) + exchange.reduce((s, l) => s + l.total, 0));
    await trx
      .insertInto('sales')
      .values({
        retailer_id: actor.retailerId,
        id,
        kind: 'return',
        store_id: storeId,
        staff_id: ctx.staffId,
        customer_id: original.customer_id,
        external_id: input.externalId ?? null,
        original_sale_id: saleId,
        sold_at: at,
        currency: ctx.currency,
        total,
        note: input.note ?? null,
        created_by: audit.actorId,
      })
      .execute();
    for (const l of returnLines) {
      if (!l.restock || !l.variantId) continue;
      const parts = (await componentsOf(trx, actor.retailerId, [l.variantId])).get(l.variantId) ?? [];
      for (const p of parts.length ? parts.map((c) => ({ id: c.component_id, per: c.quantity })) : [{ id: l.variantId, per: 1 }])
        await applyMovement(trx, {
          retailerId: actor.retailerId,
          storeId,
          variantId: p.id,
          quantity: -l.quantity * p.per,
          reason: 'return',
          saleId: id,
          staffId: ctx.staffId,
          at,
        });
    }
    const backordered: number[] = [];
    for (const [i, line] of exchange.entries())
      backordered.push(
        await takeStock(trx, ctx, { id, storeId, customerId: original.customer_id, at, allowBackorder: false }, line, `exchange[${i}]`),
      );
    await trx
      .insertInto('sale_lines')
      .values([
        ...returnLines.map((l, i) => ({
          retailer_id: actor.retailerId,
          sale_id: id,
          line_no: i + 1,
          variant_id: l.variantId,
          description: l.description,
          sku: l.sku,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount: l.discount,
          total: l.total,
          returns_line: l.returnsLine,
          restocked: l.restock,
        })),
        ...exchange.map((l, i) => ({
          retailer_id: actor.retailerId,
          sale_id: id,
          line_no: returnLines.length + i + 1,
          variant_id: l.variantId,
          description: l.description,
          sku: l.sku,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount: l.discount,
          total: l.total,
          backordered: backordered[i] ?? 0,
        })),
      ])
      .execute();
    if (original.customer_id)
      await applyPurchase(trx, actor.retailerId, original.customer_id, { at, amount: total, purchases: 0, visits: 0, storeId });
    await recordAudit(trx, audit, {
      action: 'sale.returned',
      subjectType: 'sale',
      subjectId: saleId,
      storeId,
      details: { returnId: id, total, lines: input.lines, exchange: exchange.length },
    });
  });
  return { id, replayed: false };
}

/** Units of each line of a sale given back so far, across all its returns. */
async function returnedByLine(db: Kysely<DB>, retailerId: string, saleId: string): Promise<Map<number, number>> {
  const { rows } = await sql<{ line: number; quantity: number }>`
    select l.returns_line as line, -sum(l.quantity)::int as quantity
    from sale_lines l join sales s on s.retailer_id = l.retailer_id and s.id = l.sale_id
    where s.retailer_id = ${retailerId} and s.original_sale_id = ${saleId} and l.returns_line is not null
    group by l.returns_line`.execute(db);
  return new Map(rows.map((r) => [r.line, r.quantity]));
}

export async function getSale(deps: Deps, actor: Principal, id: string) {
  const sale = await deps.db
    .selectFrom('sales as s')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 's.retailer_id').onRef('st.id', '=', 's.store_id'))
    .leftJoin('staff as f', (j) => j.onRef('f.retailer_id', '=', 's.retailer_id').onRef('f.id', '=', 's.staff_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 's.retailer_id').onRef('c.id', '=', 's.customer_id'))
    .selectAll('s')
    .select(['st.name as store_name', 'f.name as staff_name', 'c.first_name', 'c.last_name'])
    .where('s.retailer_id', '=', actor.retailerId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!sale) throw notFound('Sale');
  if (!actor.allStores && !actor.storeIds.includes(sale.store_id)) throw notFound('Sale');
  const lines = await deps.db
    .selectFrom('sale_lines as l')
    .leftJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'l.retailer_id').onRef('v.id', '=', 'l.variant_id'))
    .selectAll('l')
    .select('v.product_id')
    .where('l.retailer_id', '=', actor.retailerId)
    .where('l.sale_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const returns = await deps.db
    .selectFrom('sales')
    .select(['id', 'sold_at', 'total'])
    .where('retailer_id', '=', actor.retailerId)
    .where('original_sale_id', '=', id)
    .orderBy('sold_at')
    .execute();
  return { sale, lines, returns, returned: await returnedByLine(deps.db, actor.retailerId, id) };
}

export async function listSales(
  deps: Deps,
  actor: Principal,
  query: { storeId?: string | undefined; customerId?: string | undefined; limit?: number | undefined; cursor?: string | undefined },
) {
  const limit = query.limit ?? 50;
  const [atText, afterId] = (query.cursor ?? '').split('|');
  let q = deps.db
    .selectFrom('sales as s')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 's.retailer_id').onRef('st.id', '=', 's.store_id'))
    .leftJoin('staff as f', (j) => j.onRef('f.retailer_id', '=', 's.retailer_id').onRef('f.id', '=', 's.staff_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 's.retailer_id').onRef('c.id', '=', 's.customer_id'))
    .select([
      's.id',
      's.kind',
      's.sold_at',
      's.total',
      's.currency',
      's.store_id',
      'st.name as store_name',
      'f.name as staff_name',
      's.customer_id',
      'c.first_name',
      'c.last_name',
      sql<number>`(select count(*)::int from sale_lines l where l.retailer_id = s.retailer_id and l.sale_id = s.id)`.as('line_count'),
    ])
    .where('s.retailer_id', '=', actor.retailerId);
  if (!actor.allStores) q = q.where('s.store_id', 'in', actor.storeIds.length ? actor.storeIds : ['']);
  if (query.storeId) q = q.where('s.store_id', '=', query.storeId);
  if (query.customerId) q = q.where('s.customer_id', '=', query.customerId);
  if (atText && afterId && !Number.isNaN(Date.parse(atText))) {
    const at = new Date(atText);
    q = q.where((eb) => eb.or([eb('s.sold_at', '<', at), eb.and([eb('s.sold_at', '=', at), eb('s.id', '<', afterId)])]));
  }
  const rows = await q
    .orderBy('s.sold_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${last.sold_at.toISOString()}|${last.id}` : null };
}
