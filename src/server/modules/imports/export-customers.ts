import type { ImportantDate } from '../../../shared/customers.ts';
import { toCsvLine } from '../../../shared/formats/csv.ts';
import type { Deps } from '../../deps.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';

/** Column headers; the importer's column guessing maps them back, so an export imports again as CSV. */
const HEADER = [
  'Customer ID',
  'Title',
  'First Name',
  'Last Name',
  'Preferred Name',
  'Email',
  'Other Emails',
  'Phone',
  'Other Phones',
  'Address1',
  'Address2',
  'City',
  'Region',
  'Postcode',
  'Country',
  'Birthday',
  'Tags',
  'Home Store',
  'Assigned To',
  'First Visit',
  'Last Visit',
  'Visits',
  'Purchases',
  'Total Spent',
  'Created',
];

const PAGE = 2000;

const birthday = (dates: unknown[]) => {
  const b = (dates as ImportantDate[]).find((d) => d.kind === 'birthday');
  if (!b) return '';
  const md = `${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
  return b.year ? `${b.year}-${md}` : `--${md}`;
};

/**
 * The customers the actor may see, as CSV text in pages read by id (so memory stays flat and
 * each page is one index range), starting with a BOM so spreadsheets read accents right.
 * Merged-away and erased profiles are left out. The export itself is audit-logged.
 */
export async function* exportCustomerList(deps: Deps, actor: Principal, audit: AuditContext): AsyncGenerator<string> {
  await recordAudit(deps.db, audit, { action: 'customers.exported', subjectType: 'customer_list' });
  const [stores, staff] = await Promise.all([
    deps.db.selectFrom('stores').select(['id', 'name']).where('retailer_id', '=', actor.retailerId).execute(),
    deps.db.selectFrom('staff').select(['id', 'name']).where('retailer_id', '=', actor.retailerId).execute(),
  ]);
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  yield `\ufeff${toCsvLine(HEADER)}`;
  let after = '';
  for (;;) {
    let q = deps.db
      .selectFrom('customers')
      .selectAll()
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '>', after)
      .where('merged_into_id', 'is', null)
      .where('erased_at', 'is', null);
    if (!actor.allStores)
      q = q.where((eb) =>
        eb.or([eb('home_store_id', 'is', null), eb('home_store_id', 'in', actor.storeIds.length ? actor.storeIds : [''])]),
      );
    const rows = await q.orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return;
    let text = '';
    for (const c of rows) {
      text += toCsvLine([
        c.id,
        c.title,
        c.first_name,
        c.last_name,
        c.preferred_name,
        c.emails[0]?.address,
        c.emails
          .slice(1)
          .map((e) => e.address)
          .join('; '),
        c.phones[0]?.number,
        c.phones
          .slice(1)
          .map((p) => p.number)
          .join('; '),
        c.address?.line1,
        c.address?.line2,
        c.address?.city,
        c.address?.region,
        c.address?.postcode,
        c.address?.country,
        birthday(c.dates),
        c.tags.join(', '),
        c.home_store_id ? storeName.get(c.home_store_id) : '',
        c.assigned_staff_id ? staffName.get(c.assigned_staff_id) : '',
        c.first_visit_at?.toISOString().slice(0, 10),
        c.last_visit_at?.toISOString().slice(0, 10),
        c.visits,
        c.purchases,
        Number(c.spend).toFixed(2),
        c.created_at.toISOString().slice(0, 10),
      ]);
    }
    yield text;
    after = (rows.at(-1) as { id: string }).id;
  }
}
