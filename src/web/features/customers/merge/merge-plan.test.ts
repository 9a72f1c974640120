import { describe, expect, it } from 'vitest';
import type { Customer } from '../customers.api.ts';
import { addressLine, fieldRows, phoneKey, takeOf, union } from './merge-plan.ts';

const customer = (fields: Partial<Customer>) =>
  ({
    title: null,
    firstName: '',
    lastName: null,
    preferredName: null,
    address: null,
    assignedStaffId: null,
    homeStoreId: null,
    ...fields,
  }) as unknown as Customer;

describe('choosing what a merge keeps', () => {
  const survivor = customer({ title: 'Ms', firstName: 'Katherine', lastName: 'Wójcik', homeStoreId: 'sto_1' });
  const other = customer({ firstName: 'Kate', lastName: 'Wojcik', preferredName: 'Kate', homeStoreId: 'sto_1' });

  it('keeps the survivor’s value unless it is empty, and marks equal values as the same', () => {
    const rows = fieldRows(survivor, other, {});
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(by.firstName).toMatchObject({ same: false, side: 'survivor' });
    expect(by.preferredName).toMatchObject({ same: false, side: 'other' });
    expect(by.title).toMatchObject({ same: false, side: 'survivor' });
    expect(by.homeStoreId).toMatchObject({ same: true });
    expect(by.address).toMatchObject({ same: true });
  });

  it('names every differing field in the request, with the person’s choices', () => {
    const take = takeOf(fieldRows(survivor, other, { firstName: 'other', homeStoreId: 'other' }));
    expect(take).toEqual({ title: 'survivor', firstName: 'other', lastName: 'survivor', preferredName: 'other' });
  });

  it('joins lists without repeating a phone written two ways', () => {
    const phones = union(
      [{ label: 'mobile', number: '07700 900417' }],
      [
        { label: 'mobile', number: '+44 7700 900417' },
        { label: 'home', number: '020 7946 0958' },
      ],
      (p) => phoneKey(p.number),
    );
    expect(phones.map((p) => p.number)).toEqual(['07700 900417', '020 7946 0958']);
    expect(addressLine({ line1: '3 Foxglove Mews', line2: null, city: 'London', postcode: 'E8 2RX' })).toBe(
      '3 Foxglove Mews, London, E8 2RX',
    );
  });
});
