import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { buildRetailer, buildStaff, buildStore } from './factories.ts';

export const DEMO_PASSWORD = 'ones-demo';

/** The demo accounts, printed at start-up and listed in the README. */
export const DEMO_ACCOUNTS = [
  { email: 'owner@bloom.example', name: 'Rosa Fairweather', role: 'owner', title: 'Owner', stores: ['Riverside', 'Old Town'], pin: '1111' },
  {
    email: 'manager@bloom.example',
    name: 'Marcus Oyelaran',
    role: 'manager',
    title: 'Store manager',
    stores: ['Riverside', 'Old Town'],
    pin: '2222',
  },
  { email: 'associate@bloom.example', name: 'Priya Natarajan', role: 'associate', title: 'Florist', stores: ['Riverside'], pin: '3333' },
  { email: 'oldtown@bloom.example', name: 'Tom Achterberg', role: 'associate', title: 'Florist', stores: ['Old Town'], pin: '5555' },
  {
    email: 'security@bloom.example',
    name: 'Daniel Mensah',
    role: 'ambassador',
    title: 'Security officer',
    stores: ['Riverside'],
    pin: '4444',
  },
  { email: 'owner@hearth.example', name: 'Hannah Quist', role: 'owner', title: 'Owner', stores: ['Main Street'], pin: '1111' },
  {
    email: 'associate@hearth.example',
    name: 'Leo Castellanos',
    role: 'associate',
    title: 'Design consultant',
    stores: ['Main Street'],
    pin: '3333',
  },
] as const;

/** True when the database holds no retailer yet. */
export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('retailers').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Removes the demo retailers and everything they own. */
export async function removeDemo(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('retailers').where('slug', 'in', ['bloom-and-stem', 'hearth-and-hue']).execute();
}

/** Loads "Bloom & Stem" (a UK florist, two stores) and "Hearth & Hue" (a home-décor shop, one store). */
export async function loadDemo(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const bloom = await buildRetailer(trx, {
      name: 'Bloom & Stem',
      slug: 'bloom-and-stem',
      country: 'GB',
      currency: 'GBP',
      locale: 'en-GB',
    });
    const riverside = await buildStore(trx, {
      retailerId: bloom.id,
      name: 'Riverside',
      timeZone: 'Europe/London',
      address: { line1: '14 Wharf Lane', city: 'Bristol', postcode: 'BS1 4RN', country: 'GB' },
      latitude: 51.4505,
      longitude: -2.5967,
    });
    const oldTown = await buildStore(trx, {
      retailerId: bloom.id,
      name: 'Old Town',
      timeZone: 'Europe/London',
      address: { line1: '3 Market Row', city: 'Bath', postcode: 'BA1 1NG', country: 'GB' },
      latitude: 51.3811,
      longitude: -2.359,
    });
    const hearth = await buildRetailer(trx, {
      name: 'Hearth & Hue',
      slug: 'hearth-and-hue',
      country: 'US',
      currency: 'USD',
      locale: 'en-US',
      phoneRegion: 'US',
    });
    const mainStreet = await buildStore(trx, {
      retailerId: hearth.id,
      name: 'Main Street',
      timeZone: 'America/Chicago',
      address: { line1: '220 Main Street', city: 'Madison', postcode: '53703', country: 'US' },
      latitude: 43.0747,
      longitude: -89.3841,
    });
    const stores: Record<string, { id: string; retailerId: string }> = {
      Riverside: riverside,
      'Old Town': oldTown,
      'Main Street': mainStreet,
    };
    for (const a of DEMO_ACCOUNTS) {
      const storeIds = a.stores.map((s) => (stores[s] as { id: string }).id);
      await buildStaff(trx, {
        retailerId: (stores[a.stores[0]] as { retailerId: string }).retailerId,
        storeIds,
        name: a.name,
        email: a.email,
        role: a.role,
        title: a.title,
        password: DEMO_PASSWORD,
        pin: a.pin,
      });
    }
  });
}
