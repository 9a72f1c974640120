import { describe, expect, it } from 'vitest';
import { type Term, toKey, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import type { Customer } from './customers.api.ts';
import { relativeTime } from './format.ts';
import { describePreference, groupPreferences } from './preferences.ts';
import { changedFields, changesOnly, reapply, valuesOf } from './profile-values.ts';

const term = (kind: Term['kind'], key: string, label: string, hex: string | null = null): Term => ({
  kind,
  key,
  label,
  family: null,
  hex,
  position: 0,
  archived: false,
});
const vocab = vocabularyOf([
  term('colour', 'sage', 'Sage', '#9caf88'),
  term('colour', 'blush', 'Blush', '#e8b4b8'),
  term('room', 'bedroom', 'Bedroom'),
  term('style', 'classic', 'Classic'),
]);
const money = (n: number) => `£${n}`;
const dayMonth = (m: number, d: number) => `${d}/${m}`;
const said = (key: string, value: Record<string, unknown>) => describePreference({ key, value }, vocab, money, dayMonth);

describe('preferences in the customer’s own terms', () => {
  it('writes a room with its colours, style, size and light, and keeps the swatches', () => {
    const d = said('room', { room: 'bedroom', colours: ['sage', 'blush'], style: 'classic', light: 'low' });
    expect(d.text).toBe('Bedroom — Sage, Blush · Classic · low light');
    expect(d.colours.map((c) => c.hex)).toEqual(['#9caf88', '#e8b4b8']);
  });

  it('falls back to the key for a term that has gone, and reads budgets and things to avoid', () => {
    expect(said('colour-liked', { colour: 'teal' }).text).toBe('teal');
    expect(said('budget', { category: 'bouquets', min: 40, max: 60 }).text).toBe('Bouquets: £40–£60');
    expect(said('budget', { category: 'vases', max: 30 }).text).toBe('Vases: up to £30');
    expect(said('avoid', { item: 'lilies', reason: 'the cat' }).text).toBe('Lilies — the cat');
    expect(said('occasion', { occasion: 'anniversary', month: 6, day: 14 }).text).toBe('anniversary · 14/6');
  });

  it('groups built-in keys in their usual order and the retailer’s own after them', () => {
    const p = (key: string) => ({ id: key, key, value: {}, recordedBy: null, recordedAt: '', encounterId: null });
    expect(groupPreferences([p('vase-shape'), p('avoid'), p('room')]).map((g) => g.heading)).toEqual(['Rooms', 'To avoid', 'Vase shape']);
  });
});

describe('editing a profile that a colleague changed meanwhile', () => {
  const customer = {
    title: 'Mrs',
    firstName: 'Adaeze',
    lastName: 'Okafor',
    preferredName: null,
    phones: [{ label: 'home', number: '020 7946 0958' }],
    emails: [],
    homeStoreId: 'sto_1',
    tags: [],
    household: [],
    dates: [],
  } as unknown as Customer;
  const base = valuesOf(customer, null);

  it('sends only the fields the person changed', () => {
    const mine = { ...base, tags: ['wedding-client'], phones: [...base.phones, { label: 'mobile', number: ' ' }] };
    expect(changedFields(base, mine)).toEqual(['tags']);
    expect(changesOnly(base, mine)).toEqual({ tags: ['wedding-client'] });
  });

  it('lays the person’s changes over the newer version and keeps the colleague’s', () => {
    const mine = { ...base, tags: ['wedding-client'] };
    const theirs = { ...base, phones: [...base.phones, { label: 'mobile', number: '07700 900123' }] };
    const merged = reapply(base, mine, theirs);
    expect(merged.tags).toEqual(['wedding-client']);
    expect(merged.phones).toHaveLength(2);
  });
});

describe('small words', () => {
  it('makes keys from labels', () => {
    expect(toKey('Dusty Rosé!')).toBe('dusty-rose');
    expect(toKey('  Living   room ')).toBe('living-room');
  });

  it('says how long ago in whole weeks and months', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(relativeTime('2026-03-31T08:00:00Z', 'en-GB', now)).toBe('today');
    expect(relativeTime('2026-03-10T08:00:00Z', 'en-GB', now)).toBe('3 weeks ago');
    expect(relativeTime('2025-12-01T08:00:00Z', 'en-GB', now)).toBe('3 months ago');
  });
});
