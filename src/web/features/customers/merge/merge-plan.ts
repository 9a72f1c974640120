import type { Address } from '../../../../shared/customers.ts';
import type { Customer } from '../customers.api.ts';
import { PICKED_FIELDS, type PickedField, type Side } from './merge.api.ts';

export const PICKED_LABEL: Record<PickedField, string> = {
  title: 'Title',
  firstName: 'First name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  address: 'Address',
  assignedStaffId: 'Assigned associate',
  homeStoreId: 'Home store',
};

/** An address on one line, "3 Foxglove Mews, London, E8 2RX", or '' when there is none. */
export function addressLine(a: Address | null | undefined): string {
  if (!a) return '';
  return [a.line1, a.line2, a.city, a.region, a.postcode, a.country]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(', ');
}

/** A field's value as a comparable string; '' means empty. */
export function rawValue(c: Customer, field: PickedField): string {
  if (field === 'address') return addressLine(c.address);
  return (c[field] ?? '').trim();
}

/** The server's default: the survivor's value, unless it is empty and the other's is not. */
export function defaultSide(survivor: Customer, other: Customer, field: PickedField): Side {
  return !rawValue(survivor, field) && rawValue(other, field) ? 'other' : 'survivor';
}

export interface FieldRow {
  field: PickedField;
  /** Both profiles hold the same value (or both none): nothing to choose. */
  same: boolean;
  side: Side;
}

/** Every picked field with the side that will be kept: the person's choice, else the default. */
export function fieldRows(survivor: Customer, other: Customer, chosen: Partial<Record<PickedField, Side>>): FieldRow[] {
  return PICKED_FIELDS.map((field) => {
    const same = rawValue(survivor, field) === rawValue(other, field);
    return { field, same, side: same ? 'survivor' : (chosen[field] ?? defaultSide(survivor, other, field)) };
  });
}

/** What the merge request names: every field that differs, with the side chosen. */
export function takeOf(rows: FieldRow[]): Partial<Record<PickedField, Side>> {
  return Object.fromEntries(rows.filter((r) => !r.same).map((r) => [r.field, r.side]));
}

/** Both lists together, each thing once (by `key`), the survivor's first. */
export function union<T>(a: T[], b: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...a, ...b]) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/** The digits that identify a phone number, so "+44 7700 900417" and "07700 900417" count once. */
export function phoneKey(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length > 9 ? digits.slice(-10) : digits;
}
