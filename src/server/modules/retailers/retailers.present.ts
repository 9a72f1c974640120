import type { Static } from 'typebox';
import type { RetailerRow } from './retailers.repo.ts';
import type { RetailerSchema } from './retailers.schemas.ts';

export function presentRetailer(row: RetailerRow): Static<typeof RetailerSchema> {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    country: row.country,
    currency: row.currency,
    locale: row.locale,
    phoneRegion: row.phone_region,
  };
}
