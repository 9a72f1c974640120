import type { CustomerInput, Email, HouseholdMember, ImportantDate, Phone } from '../../../shared/customers.ts';
import type { Customer } from './customers.api.ts';

/** The profile as its form holds it: text fields as strings, empty rows allowed while typing. */
export interface ProfileValues {
  title: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  phones: Phone[];
  emails: Email[];
  homeStoreId: string | null;
  tags: string[];
  household: HouseholdMember[];
  dates: ImportantDate[];
}

export type ProfileField = keyof ProfileValues;

export const PROFILE_FIELDS: ProfileField[] = [
  'title',
  'firstName',
  'lastName',
  'preferredName',
  'phones',
  'emails',
  'homeStoreId',
  'tags',
  'household',
  'dates',
];

export const FIELD_LABEL: Record<ProfileField, string> = {
  title: 'Title',
  firstName: 'First name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  phones: 'Phone numbers',
  emails: 'E-mail addresses',
  homeStoreId: 'Home store',
  tags: 'Tags',
  household: 'Household and gift recipients',
  dates: 'Important dates',
};

export function valuesOf(c: Customer | null, defaultStoreId: string | null): ProfileValues {
  return {
    title: c?.title ?? '',
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    preferredName: c?.preferredName ?? '',
    phones: c?.phones ?? [],
    emails: c?.emails ?? [],
    homeStoreId: c ? c.homeStoreId : defaultStoreId,
    tags: c?.tags ?? [],
    household: c?.household ?? [],
    dates: c?.dates ?? [],
  };
}

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** What the API is sent: trimmed, empty text as null, rows nobody filled in left out. */
export function toInput(v: ProfileValues): Required<Omit<CustomerInput, 'address' | 'assignedStaffId'>> {
  return {
    title: text(v.title),
    firstName: v.firstName.trim(),
    lastName: text(v.lastName),
    preferredName: text(v.preferredName),
    phones: v.phones.filter((p) => p.number.trim()).map((p) => ({ label: p.label, number: p.number.trim() })),
    emails: v.emails.filter((e) => e.address.trim()).map((e) => ({ label: e.label, address: e.address.trim() })),
    homeStoreId: v.homeStoreId,
    tags: v.tags,
    household: v.household
      .filter((h) => h.name.trim())
      .map((h) => ({ name: h.name.trim(), relation: h.relation.trim(), giftRecipient: Boolean(h.giftRecipient), notes: text(h.notes) })),
    dates: v.dates.map((d) => ({ kind: d.kind, label: text(d.label), month: d.month, day: d.day, year: d.year ?? null, remind: d.remind })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose saved form differs between two sets of values. */
export function changedFields(from: ProfileValues, to: ProfileValues): ProfileField[] {
  const a = toInput(from);
  const b = toInput(to);
  return PROFILE_FIELDS.filter((f) => !same(a[f], b[f]));
}

/** Only the fields the person changed, so a save never rewrites what they did not touch. */
export function changesOnly(base: ProfileValues, values: ProfileValues): Partial<CustomerInput> {
  const input = toInput(values);
  return Object.fromEntries(changedFields(base, values).map((f) => [f, input[f]]));
}

/** The person's edits laid over a newer version: their changed fields win, the rest is current. */
export function reapply(base: ProfileValues, mine: ProfileValues, current: ProfileValues): ProfileValues {
  const next = { ...current };
  for (const f of changedFields(base, mine)) (next as Record<ProfileField, unknown>)[f] = mine[f];
  return next;
}
