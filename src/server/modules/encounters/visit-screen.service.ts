import { sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import type { HouseholdMember, ImportantDate, VocabularyKind, VocabularyTerm } from '../../../shared/customers.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import {
  conversationStarters,
  STARTER_PREFERENCE_KEYS,
  type StarterFacts,
  type StarterPreference,
  type StarterPurchase,
} from '../../../shared/domain/starters.ts';
import type { LostOutcome, NoSaleReason } from '../../../shared/domain/visits.ts';
import type { Deps } from '../../deps.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { effectiveAttributes } from '../catalog/catalog.repo.ts';
import { presentCustomer } from '../customers/customers.present.ts';
import { viewCustomer } from '../customers/customers.service.ts';
import { listVocabulary } from '../vocabulary/vocabulary.repo.ts';
import { getEncounter } from './encounters.service.ts';

/** How much of a long history the visit screen reads: enough for a glance and for the starters. */
const RECENT = { purchaseLines: 40, visits: 10, notes: 10 } as const;

/**
 * Everything the associate's visit screen shows in one read: the visit, and for a known customer
 * (to a role that may see customers) the profile with preferences and consent, recent purchases,
 * earlier visits and colleagues' notes, and conversation starters drawn from those facts only.
 * Opening it is a view of the customer, audit-logged like the profile page.
 */
export async function visitScreen(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const visit = await getEncounter(deps, actor, id);
  const customerId = visit.customer?.id;
  if (!customerId || !roleCan(actor.role, 'customers.view')) return { visit, customer: null, history: null, starters: [] };
  const retailerId = actor.retailerId;
  const db = deps.db;
  const [{ row, extras }, purchases, visits, notes, followUps, vocabulary, locale] = await Promise.all([
    viewCustomer(deps, actor, audit, customerId),
    db
      .selectFrom('sales as s')
      .innerJoin('sale_lines as l', (j) => j.onRef('l.retailer_id', '=', 's.retailer_id').onRef('l.sale_id', '=', 's.id'))
      .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 's.retailer_id').onRef('st.id', '=', 's.store_id'))
      .leftJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'l.retailer_id').onRef('v.id', '=', 'l.variant_id'))
      .leftJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
      .select(['s.id as sale_id', 's.sold_at', 'st.name as store_name', 'l.line_no', 'l.description', 'l.quantity', 'l.unit_price'])
      .select(['l.variant_id', 'v.product_id', 'p.title as product_title', 'v.title as variant_title'])
      .select(['p.attributes as product_attributes', 'v.attributes as variant_attributes'])
      .where('s.retailer_id', '=', retailerId)
      .where('s.customer_id', '=', customerId)
      .orderBy('s.sold_at', 'desc')
      .orderBy('s.id', 'desc')
      .orderBy('l.line_no')
      .limit(RECENT.purchaseLines)
      .execute(),
    db
      .selectFrom('encounters as e')
      .select(['e.id', 'e.started_at', 'e.arrived_at', 'e.outcome', 'e.no_sale_reason'])
      .select(
        sql<{ description: string; outcome: LostOutcome; product: string | null; variant: string | null }[]>`coalesce((
          select json_agg(json_build_object('description', l.description, 'outcome', l.outcome,
            'product', sp.title, 'variant', sv.title) order by l.recorded_at)
          from lost_demand l
          left join variants sv on sv.retailer_id = l.retailer_id and sv.id = l.substitute_variant_id
          left join products sp on sp.retailer_id = sv.retailer_id and sp.id = sv.product_id
          where l.retailer_id = e.retailer_id and l.encounter_id = e.id), '[]'::json)`.as('asked_for'),
      )
      .where('e.retailer_id', '=', retailerId)
      .where('e.customer_id', '=', customerId)
      .where('e.id', '!=', id)
      .where('e.status', '=', 'closed')
      .orderBy('e.started_at', 'desc')
      .limit(RECENT.visits)
      .execute(),
    db
      .selectFrom('customer_notes as n')
      .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'n.retailer_id').onRef('s.id', '=', 'n.author_id'))
      .select(['n.id', 'n.body', 's.name as author_name', 'n.created_at'])
      .where('n.retailer_id', '=', retailerId)
      .where('n.customer_id', '=', customerId)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(RECENT.notes)
      .execute(),
    db
      .selectFrom('follow_ups as f')
      .leftJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'f.retailer_id').onRef('v.id', '=', 'f.variant_id'))
      .leftJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
      .select(['f.id', 'f.kind', 'f.title', 'f.created_at', 'f.due_at', 'p.title as product_title', 'v.title as variant_title'])
      .where('f.retailer_id', '=', retailerId)
      .where('f.customer_id', '=', customerId)
      .where('f.status', '=', 'open')
      .orderBy('f.created_at')
      .limit(20)
      .execute(),
    listVocabulary(db, retailerId),
    actor.kind === 'staff'
      ? actor.retailer.locale
      : db
          .selectFrom('retailers')
          .select('locale')
          .where('id', '=', retailerId)
          .executeTakeFirstOrThrow()
          .then((r) => r.locale),
  ]);

  const facts: StarterFacts = {
    timeZone: visit.store.timeZone,
    customer: {
      title: row.title,
      firstName: row.first_name,
      lastName: row.last_name,
      preferredName: row.preferred_name,
      household: row.household as HouseholdMember[],
      dates: (row.dates as ImportantDate[]).map((d) => ({ kind: d.kind, month: d.month, day: d.day, label: d.label ?? null })),
    },
    purchases: purchases.map(
      (p): StarterPurchase => ({
        saleId: p.sale_id,
        soldAt: p.sold_at.toISOString(),
        storeName: p.store_name,
        productTitle: p.product_title ?? p.description,
        variantTitle: p.variant_title,
        attributes:
          p.product_attributes && p.variant_attributes ? effectiveAttributes(p.product_attributes, p.variant_attributes) : undefined,
        quantity: p.quantity,
      }),
    ),
    preferences: extras.preferences
      .filter((p) => (STARTER_PREFERENCE_KEYS as readonly string[]).includes(p.key))
      .map((p) => ({ key: p.key, value: p.value, recordedAt: p.recorded_at.toISOString() }) as StarterPreference),
    visits: visits.map((v) => ({
      id: v.id,
      at: (v.arrived_at ?? v.started_at).toISOString(),
      outcome: v.outcome,
      noSaleReason: v.no_sale_reason as NoSaleReason | null,
      askedFor: v.asked_for.map((a) => ({
        description: a.description,
        outcome: a.outcome,
        instead: a.product ? variantLabel(a.product, a.variant) : null,
      })),
    })),
    notes: notes.map((n) => ({ id: n.id, body: n.body, author: n.author_name, at: n.created_at.toISOString() })),
    followUps: followUps.map((f) => ({
      id: f.id,
      kind: f.kind,
      title: f.title,
      createdAt: f.created_at.toISOString(),
      item: f.product_title ? variantLabel(f.product_title, f.variant_title) : null,
      // A back-in-stock call falls due when the delivery it waits for arrives.
      arrivedAt: f.kind === 'back-in-stock' && f.due_at ? f.due_at.toISOString() : null,
    })),
    vocabulary: vocabulary.map(
      (t): VocabularyTerm => ({ kind: t.kind as VocabularyKind, key: t.key, label: t.label, family: t.family, hex: t.hex }),
    ),
  };

  return {
    visit,
    customer: presentCustomer(row, extras),
    history: {
      purchases: purchases.map((p) => ({
        saleId: p.sale_id,
        soldAt: p.sold_at.toISOString(),
        storeName: p.store_name,
        productId: p.product_id,
        title: p.product_title ? variantLabel(p.product_title, p.variant_title) : p.description,
        quantity: p.quantity,
        unitPrice: Number(p.unit_price),
      })),
      visits: visits.map((v) => ({
        id: v.id,
        at: (v.arrived_at ?? v.started_at).toISOString(),
        outcome: v.outcome,
        noSaleReason: v.no_sale_reason,
      })),
      notes: notes.map((n) => ({ id: n.id, body: n.body, author: n.author_name, at: n.created_at.toISOString() })),
    },
    starters: conversationStarters(facts, deps.now(), locale),
  };
}
