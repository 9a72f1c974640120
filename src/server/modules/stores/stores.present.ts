import type { Static } from 'typebox';
import type { StoreRow } from './stores.repo.ts';
import type { StoreSchema } from './stores.schemas.ts';

export function presentStore(row: StoreRow): Static<typeof StoreSchema> {
  return {
    id: row.id,
    name: row.name,
    address: { line1: row.address_line1, line2: row.address_line2, city: row.city, postcode: row.postcode, country: row.country },
    latitude: row.latitude,
    longitude: row.longitude,
    timeZone: row.time_zone,
    gestureBudget: Number(row.gesture_budget),
  };
}
