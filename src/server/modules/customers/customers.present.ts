import type { Static } from 'typebox';
import type { Principal } from '../auth/principal.ts';
import { canEditNote } from './customers.policy.ts';
import type { CandidateRow, CustomerRow, ProfileExtras, SavedItemRow } from './customers.repo.ts';
import type { CustomerSchema, NoteSchema, SavedItemSchema, SearchResultSchema } from './customers.schemas.ts';

type NameParts = Pick<CustomerRow, 'title' | 'first_name' | 'last_name' | 'preferred_name'>;

export function fullName(c: NameParts): string {
  return [c.first_name, c.last_name].filter(Boolean).join(' ');
}

/** How an associate addresses the customer: their preferred name, else "Mrs Okafor", else the first name. */
export function displayName(c: NameParts): string {
  if (c.preferred_name) return c.preferred_name;
  if (c.title && c.last_name) return `${c.title} ${c.last_name}`;
  return fullName(c);
}

export function initials(c: NameParts): string {
  const letters = [c.first_name, c.last_name].filter(Boolean).map((n) => [...(n as string)][0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

export function presentSavedItem(i: SavedItemRow): Static<typeof SavedItemSchema> {
  return {
    id: i.id,
    clientId: i.client_id,
    title: i.title,
    note: i.note,
    productId: i.product_id,
    addedBy: i.added_by && i.added_by_name ? { id: i.added_by, name: i.added_by_name } : null,
    addedAt: i.added_at.toISOString(),
  };
}

export function presentCustomer(row: CustomerRow, extra?: ProfileExtras): Static<typeof CustomerSchema> {
  return {
    id: row.id,
    title: row.title,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    displayName: displayName(row),
    fullName: fullName(row),
    initials: initials(row),
    phones: row.phones,
    emails: row.emails,
    address: row.address,
    household: row.household as Record<string, unknown>[],
    dates: row.dates as Record<string, unknown>[],
    tags: row.tags,
    assignedStaffId: row.assigned_staff_id,
    homeStoreId: row.home_store_id,
    figures: {
      firstVisitAt: row.first_visit_at?.toISOString() ?? null,
      lastVisitAt: row.last_visit_at?.toISOString() ?? null,
      visits: row.visits,
      purchases: row.purchases,
      spend: Number(row.spend),
      averageBasket: row.purchases > 0 ? Math.round((Number(row.spend) / row.purchases) * 100) / 100 : null,
    },
    ...(extra
      ? {
          preferences: extra.preferences.map((p) => ({
            id: p.id,
            key: p.key,
            value: p.value as Record<string, unknown>,
            recordedBy: p.recorded_by_name ? { id: p.recorded_by, name: p.recorded_by_name } : null,
            recordedAt: p.recorded_at.toISOString(),
            encounterId: p.encounter_id,
          })),
          consents: extra.consents.map((c) => ({
            channel: c.channel,
            purpose: c.purpose,
            granted: c.granted,
            source: c.source,
            capturedBy: c.captured_by && c.captured_by_name ? { id: c.captured_by, name: c.captured_by_name } : null,
            capturedAt: c.captured_at.toISOString(),
          })),
          savedItems: extra.savedItems.map(presentSavedItem),
        }
      : {}),
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    erasedAt: row.erased_at?.toISOString() ?? null,
    version: row.version,
  };
}

/** A search hit: enough to recognise the right person at a glance. */
export function presentSearchResult(
  row: CandidateRow,
  match: 'exact' | 'prefix' | 'typo',
  storeNames: Map<string, string>,
): Static<typeof SearchResultSchema> {
  const contact = row.phones[0]?.number ?? row.emails[0]?.address ?? null;
  const context = [
    row.home_store_id ? storeNames.get(row.home_store_id) : null,
    row.address?.city ?? null,
    contact,
    `${row.visits} visit${row.visits === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    id: row.id,
    displayName: displayName(row),
    fullName: fullName(row),
    preferredName: row.preferred_name,
    initials: initials(row),
    lastVisitAt: row.last_visit_at?.toISOString() ?? null,
    context,
    match,
  };
}

export function presentNote(
  note: { id: string; client_id: string; body: string; author_id: string; created_at: Date; edited_at: Date | null; sensitive: unknown },
  authorName: string | null,
  actor: Principal,
): Static<typeof NoteSchema> {
  return {
    id: note.id,
    clientId: note.client_id,
    body: note.body,
    author: authorName ? { id: note.author_id, name: authorName } : null,
    createdAt: note.created_at.toISOString(),
    editedAt: note.edited_at?.toISOString() ?? null,
    sensitive: note.sensitive != null,
    canEdit: canEditNote(actor, note),
  };
}
