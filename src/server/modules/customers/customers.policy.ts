import type { Principal } from '../auth/principal.ts';

/** Staff see customers of their stores and those with no home store; owners see all. */
export function canSeeCustomer(actor: Principal, customer: { home_store_id: string | null }): boolean {
  return actor.allStores || !customer.home_store_id || actor.storeIds.includes(customer.home_store_id);
}

/** Only the author edits a note; what others wrote stays theirs. */
export function canEditNote(actor: Principal, note: { author_id: string }): boolean {
  return actor.kind === 'staff' && actor.staffId === note.author_id;
}
