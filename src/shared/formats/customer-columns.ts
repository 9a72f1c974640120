/**
 * Turning rows of a customer file (a Shopify export, any spreadsheet, a vCard) into customers.
 *
 * Each reader fills a `CustomerDraft` with the raw text it found and where it found it; one
 * function, `draftToCustomer`, then checks and cleans every value the same way, so a CSV row and
 * a vCard obey the same rules and give the same error messages. The output respects the limits of
 * the customer API (customers.schemas.ts), so an imported customer can be edited like any other.
 */
import type { Address, CustomerInput, Email, ImportantDate, Phone } from '../customers.ts';

export type CustomerField =
  | 'title'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'preferredName'
  | 'email'
  | 'phone'
  | 'mobile'
  | 'line1'
  | 'line2'
  | 'city'
  | 'region'
  | 'postcode'
  | 'country'
  | 'birthday'
  | 'tags'
  | 'note'
  | 'acceptsEmailMarketing'
  | 'acceptsSmsMarketing'
  | 'totalSpent'
  | 'totalOrders';

/** Every field a column can fill, in the order a mapping screen lists them. */
export const CUSTOMER_FIELDS: { field: CustomerField; label: string }[] = [
  { field: 'title', label: 'Title (Mr, Ms, Dr…)' },
  { field: 'firstName', label: 'First name' },
  { field: 'lastName', label: 'Last name' },
  { field: 'fullName', label: 'Full name' },
  { field: 'preferredName', label: 'Preferred name' },
  { field: 'email', label: 'E-mail' },
  { field: 'phone', label: 'Phone' },
  { field: 'mobile', label: 'Mobile' },
  { field: 'line1', label: 'Address line 1' },
  { field: 'line2', label: 'Address line 2' },
  { field: 'city', label: 'Town or city' },
  { field: 'region', label: 'County, state or province' },
  { field: 'postcode', label: 'Postcode or ZIP' },
  { field: 'country', label: 'Country' },
  { field: 'birthday', label: 'Birthday' },
  { field: 'tags', label: 'Tags' },
  { field: 'note', label: 'Note' },
  { field: 'acceptsEmailMarketing', label: 'Accepts e-mail marketing' },
  { field: 'acceptsSmsMarketing', label: 'Accepts SMS marketing' },
  { field: 'totalSpent', label: 'Total spent' },
  { field: 'totalOrders', label: 'Number of orders' },
];

/** Header text → the field its column fills, or 'ignore'. */
export type ColumnMapping = Record<string, CustomerField | 'ignore'>;

export interface ImportedCustomer {
  input: CustomerInput;
  note: string | null;
  consents: { channel: 'email' | 'sms'; purpose: 'marketing'; granted: boolean }[];
  /** Lifetime figures from the old system (Shopify's Total Spent / Total Orders). */
  spend: number | null;
  purchases: number | null;
}

export type RowOutcome = { kind: 'customer'; customer: ImportedCustomer } | { kind: 'empty' } | { kind: 'error'; reason: string };

// ---------------------------------------------------------------------------------------------
// Guessing the mapping from a header row

/** Header spellings per field, normalised by `headerKey` (lower case, letters and digits only). */
const ALIASES: Record<CustomerField, string[]> = {
  title: ['title', 'salutation', 'anrede', 'civilite', 'prefix', 'nameprefix', 'honorific'],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'vorname', 'prenom', 'nombre', 'voornaam'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'nachname', 'nom', 'apellido', 'apellidos', 'achternaam', 'cognome'],
  fullName: ['name', 'fullname', 'customername', 'contactname', 'displayname', 'clientname', 'nomcomplet'],
  preferredName: ['preferredname', 'nickname', 'knownas', 'spitzname', 'surnom'],
  email: ['email', 'emailaddress', 'mail', 'courriel', 'emailadresse', 'correo', 'correoelectronico'],
  phone: ['phone', 'phonenumber', 'telephone', 'telephonenumber', 'tel', 'telefon', 'telefonnummer', 'telefono', 'landline', 'homephone'],
  mobile: [
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'cellular',
    'handy',
    'handynummer',
    'mobil',
    'mobiltelefon',
    'portable',
  ],
  line1: [
    'address1',
    'address',
    'addressline1',
    'street',
    'streetaddress',
    'street1',
    'strasse',
    'straße',
    'adresse',
    'line1',
    'rue',
    'direccion',
  ],
  line2: ['address2', 'addressline2', 'street2', 'line2', 'adresszusatz'],
  city: ['city', 'town', 'towncity', 'ort', 'stadt', 'ville', 'suburb', 'ciudad'],
  region: ['province', 'state', 'county', 'region', 'stateprovince', 'provincestate', 'bundesland'],
  postcode: ['zip', 'zipcode', 'postalcode', 'postcode', 'zippostalcode', 'plz', 'postleitzahl', 'codepostal', 'cp'],
  country: ['country', 'countryname', 'land', 'pays', 'pais'],
  birthday: ['birthday', 'dateofbirth', 'dob', 'birthdate', 'bday', 'geburtstag', 'geburtsdatum', 'datedenaissance', 'anniversaire'],
  tags: ['tags', 'tag', 'labels', 'groups', 'categories', 'category'],
  note: ['note', 'notes', 'comment', 'comments', 'remarks', 'memo', 'bemerkung', 'bemerkungen', 'notiz', 'notizen'],
  acceptsEmailMarketing: ['acceptsmarketing', 'acceptsemailmarketing', 'emailmarketing', 'emailoptin', 'marketingoptin', 'newsletter'],
  acceptsSmsMarketing: ['acceptssmsmarketing', 'smsmarketing', 'smsoptin'],
  totalSpent: ['totalspent', 'amountspent', 'spent', 'totalsales', 'lifetimevalue'],
  totalOrders: ['totalorders', 'orders', 'ordercount', 'orderscount', 'numberoforders'],
};

/** Columns holding a code rather than a name ("Province Code"): used only when there is no name column. */
const CODE_ALIASES: Record<string, CustomerField> = {
  provincecode: 'region',
  statecode: 'region',
  regioncode: 'region',
  countrycode: 'country',
};

/** Words in front of a field's name that do not change it: Shopify's "Default Address City" is the city. */
const PREFIXES = ['defaultaddress', 'billingaddress', 'shippingaddress', 'billing', 'shipping', 'address', 'customer', 'contact'];

const FIELD_BY_ALIAS = new Map<string, CustomerField>(
  Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((a) => [a, field as CustomerField] as const)),
);

/** "E-Mail", "e_mail" and "EMAIL " all become "email"; "Prénom" becomes "prenom". */
function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The field a header names and how sure we are (0 = exactly a field's name; +1 when behind a
 * prefix such as "Default Address"; +2 when it holds a code, such as "Country Code").
 */
function classify(header: string): { field: CustomerField; rank: number } | null {
  const key = headerKey(header);
  const direct = FIELD_BY_ALIAS.get(key) ?? null;
  if (direct) return { field: direct, rank: 0 };
  const code = CODE_ALIASES[key];
  if (code) return { field: code, rank: 2 };
  for (const prefix of PREFIXES) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    const rest = key.slice(prefix.length);
    const field = FIELD_BY_ALIAS.get(rest);
    if (field) return { field, rank: 1 };
    const restCode = CODE_ALIASES[rest];
    if (restCode) return { field: restCode, rank: 3 };
  }
  return null;
}

/** When a phone field is already taken, a second phone column fills the other one rather than being dropped. */
const SECOND_CHOICE: Partial<Record<CustomerField, CustomerField>> = { phone: 'mobile', mobile: 'phone' };

/**
 * A first guess at what each column holds, for the mapping screen and for Shopify exports.
 * Each field is filled by at most one column: the most certain one, and of equally certain ones
 * the leftmost. So Shopify's "Province" wins over "Province Code" (the code is used when it is the
 * only one), and "Phone" wins over "Default Address Phone", which then fills Mobile if no column
 * is named so — the number is kept, though it may be a landline. Unknown columns are ignored.
 */
export function guessMapping(header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const h of header) mapping[h] = 'ignore';
  const candidates = header
    .map((h, index) => ({ h, index, guess: classify(h) }))
    .filter((c) => c.guess !== null)
    .sort((a, b) => a.guess!.rank - b.guess!.rank || a.index - b.index);
  const taken = new Set<CustomerField>();
  const assign = (h: string, field: CustomerField | undefined): boolean => {
    if (!field || taken.has(field)) return false;
    mapping[h] = field;
    taken.add(field);
    return true;
  };
  // Every column's own field first, then second choices, so "Mobile" is not beaten by a second phone column.
  const unplaced: typeof candidates = [];
  for (const c of candidates) if (mapping[c.h] === 'ignore' && !assign(c.h, c.guess!.field)) unplaced.push(c);
  for (const { h, guess } of unplaced) if (mapping[h] === 'ignore') assign(h, SECOND_CHOICE[guess!.field]);
  return mapping;
}

/** Whether a header row is a Shopify customer export (legacy or current layout). */
export function isShopifyHeader(header: string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return (
    ['firstname', 'lastname', 'email', 'totalspent', 'totalorders'].every((k) => keys.has(k)) &&
    (keys.has('acceptsmarketing') || keys.has('acceptsemailmarketing'))
  );
}

// ---------------------------------------------------------------------------------------------
// Drafts: raw text from any reader, checked in one place

/** A piece of text from the file and where it came from, for error messages ('Column "E-Mail"', 'vCard EMAIL'). */
export interface DraftValue {
  text: string;
  from: string;
}

type AddressPart = 'line1' | 'line2' | 'city' | 'region' | 'postcode' | 'country';

/** What a reader found for one customer, before any checking. */
export interface CustomerDraft {
  title: DraftValue | null;
  firstName: DraftValue | null;
  lastName: DraftValue | null;
  fullName: DraftValue | null;
  preferredName: DraftValue | null;
  emails: (DraftValue & { label: string })[];
  phones: (DraftValue & { label: string })[];
  address: Partial<Record<AddressPart, DraftValue>>;
  dates: (DraftValue & { kind: 'birthday' | 'anniversary' })[];
  /** One tag each. */
  tags: DraftValue[];
  notes: DraftValue[];
  consents: (DraftValue & { channel: 'email' | 'sms' })[];
  totalSpent: DraftValue | null;
  totalOrders: DraftValue | null;
}

export function newDraft(): CustomerDraft {
  return {
    title: null,
    firstName: null,
    lastName: null,
    fullName: null,
    preferredName: null,
    emails: [],
    phones: [],
    address: {},
    dates: [],
    tags: [],
    notes: [],
    consents: [],
    totalSpent: null,
    totalOrders: null,
  };
}

// Limits of the customer API (customers.schemas.ts).
const MAX = { title: 30, name: 80, phone: 40, email: 254, line: 200, place: 120, postcode: 20, note: 5000, tag: 40 };
const MAX_PHONES = 5;
const MAX_EMAILS = 5;
const MAX_TAGS = 30;

/**
 * Checks and cleans a draft. `strict` (spreadsheets): the first unusable value fails the row, so
 * the person importing can fix the file. Lenient (vCards from phones and mail programs, which
 * carry placeholders such as "BusinessPhone"): unusable phones, e-mails, dates, tags, title and
 * address parts are left out and an over-long note is cut, so the person is still imported.
 * A missing or over-long name fails the row either way. Lists beyond the API's limits (5 phones,
 * 5 e-mails, 30 tags) keep their first entries.
 */
export function draftToCustomer(draft: CustomerDraft, strict: boolean): RowOutcome {
  const problems: string[] = [];
  const problem = (v: DraftValue, what: string) => problems.push(`${v.from}: ${what}`);

  // Name: first name, else the full name split at its last space, else the last name alone.
  const first = oneLine(draft.firstName);
  const last = oneLine(draft.lastName);
  const full = oneLine(draft.fullName);
  let firstName: string;
  let lastName: string | null = null;
  let nameFrom: DraftValue;
  if (first) {
    [firstName, lastName, nameFrom] = [first, last || null, draft.firstName!];
  } else if (full) {
    const space = full.lastIndexOf(' ');
    firstName = space > 0 ? full.slice(0, space) : full;
    lastName = space > 0 ? full.slice(space + 1) : last || null;
    nameFrom = draft.fullName!;
  } else if (last) {
    [firstName, nameFrom] = [last, draft.lastName!];
  } else {
    return { kind: 'error', reason: 'no name: give a first, last or full name' };
  }
  if (firstName.length > MAX.name) return nameTooLong(nameFrom);
  if (lastName && lastName.length > MAX.name) return nameTooLong(draft.lastName ?? nameFrom);
  let preferredName: string | null = oneLine(draft.preferredName) || null;
  if (preferredName && preferredName.length > MAX.name) {
    problem(draft.preferredName!, `longer than ${MAX.name} characters`);
    preferredName = null;
  }
  let title: string | null = oneLine(draft.title) || null;
  if (title && title.length > MAX.title) {
    problem(draft.title!, `longer than ${MAX.title} characters`);
    title = null;
  }

  const emails: Email[] = [];
  for (const v of draft.emails) {
    const address = cleanEmail(oneLine(v));
    if (!address) continue;
    if (!isEmail(address)) problem(v, `${quote(address)} is not an e-mail address`);
    else if (!emails.some((e) => e.address.toLowerCase() === address.toLowerCase())) emails.push({ label: v.label, address });
  }

  const phones: Phone[] = [];
  for (const v of draft.phones) {
    const number = withoutApostrophe(oneLine(v));
    if (!number) continue;
    const fault = phoneFault(number);
    if (fault) problem(v, `${quote(number)} ${fault}`);
    else if (!phones.some((p) => p.number === number)) phones.push({ label: v.label, number });
  }

  const address: Address = {};
  const parts: [AddressPart, number][] = [
    ['line1', MAX.line],
    ['line2', MAX.line],
    ['city', MAX.place],
    ['region', MAX.place],
    ['postcode', MAX.postcode],
  ];
  for (const [part, max] of parts) {
    const v = draft.address[part];
    const text = part === 'postcode' ? withoutApostrophe(oneLine(v)) : oneLine(v);
    if (!v || !text) continue;
    if (text.length > max) problem(v, `longer than ${max} characters`);
    else address[part] = text;
  }
  const countryText = oneLine(draft.address.country);
  if (countryText) {
    const code = countryCode(countryText);
    if (code) address.country = code;
    else problem(draft.address.country!, `${quote(countryText)} is not a country name or two-letter code`);
  }

  const dates: ImportantDate[] = [];
  for (const v of draft.dates) {
    const text = oneLine(v);
    if (!text || dates.some((d) => d.kind === v.kind)) continue; // the first birthday / anniversary
    const date = parseDate(text);
    if (date) dates.push({ kind: v.kind, ...date, remind: true });
    else problem(v, `${quote(text)} is not a date (use e.g. 1980-03-22, 22/03/1980, 22 March or 03-22)`);
  }

  const tags: string[] = [];
  for (const v of draft.tags) {
    const text = oneLine(v);
    if (!text) continue;
    const tag = tagKey(text);
    if (!tag) problem(v, `tag ${quote(text)} needs letters a–z or digits`);
    else if (tag.length > MAX.tag) problem(v, `tag ${quote(text)} is longer than ${MAX.tag} characters`);
    else if (!tags.includes(tag)) tags.push(tag);
  }

  let note: string | null =
    draft.notes
      .map((v) => stripControl(v.text).trim())
      .filter(Boolean)
      .join('\n\n') || null;
  if (note && note.length > MAX.note) {
    problem(draft.notes[0]!, `note longer than ${MAX.note} characters`);
    note = note.slice(0, MAX.note);
  }

  const consents: ImportedCustomer['consents'] = [];
  for (const v of draft.consents) {
    const text = oneLine(v);
    if (!text || consents.some((c) => c.channel === v.channel)) continue;
    const granted = parseYesNo(text);
    if (granted === null) problem(v, `${quote(text)} is not yes or no`);
    else consents.push({ channel: v.channel, purpose: 'marketing', granted });
  }

  const spend = parseAmount(oneLine(draft.totalSpent));
  const orders = parseAmount(oneLine(draft.totalOrders));

  if (strict && problems.length > 0) return { kind: 'error', reason: problems[0]! };
  const hasAddress = Object.keys(address).length > 0;
  return {
    kind: 'customer',
    customer: {
      input: {
        title,
        firstName,
        lastName,
        preferredName,
        phones: phones.slice(0, MAX_PHONES),
        emails: emails.slice(0, MAX_EMAILS),
        address: hasAddress ? address : null,
        dates,
        tags: tags.slice(0, MAX_TAGS),
      },
      note,
      consents,
      spend,
      purchases: orders !== null && Number.isInteger(orders) && orders >= 0 ? orders : null,
    },
  };
}

function nameTooLong(v: DraftValue): RowOutcome {
  return { kind: 'error', reason: `${v.from}: name longer than ${MAX.name} characters` };
}

/** A value shown inside an error message, cut short so one bad cell cannot flood the report. */
function quote(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}

// Control characters (C0 and C1) other than tab and newline: never useful, and they break display.
const CONTROL = /(?![\t\n])\p{Cc}/gu;

/** The text without control characters (CR goes; tab and newline stay). */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** A one-line value: control characters removed, runs of white space (newlines too) made one space. */
function oneLine(v: DraftValue | null | undefined): string {
  return v ? stripControl(v.text).replace(/\s+/g, ' ').trim() : '';
}

/** Spreadsheets and Shopify exports put an apostrophe before phone numbers and postcodes to keep them text. */
function withoutApostrophe(text: string): string {
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

function cleanEmail(text: string): string {
  const address = text.replace(/^mailto:/i, '');
  const at = address.lastIndexOf('@');
  // Domains are case-insensitive; the local part, strictly, is not, so it is kept as given.
  return at < 0 ? address : address.slice(0, at) + address.slice(at).toLowerCase();
}

/**
 * Whether text looks like an e-mail address: one @ between non-empty parts, a dot in the domain,
 * no spaces or angle brackets — the same test as the customer API. Any script is allowed
 * (`josé@exämple.de`, `用户@例子.广告`).
 */
export function isEmail(text: string): boolean {
  return text.length <= MAX.email && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/u.test(text);
}

/**
 * Why a phone number is unusable, or null. Numbers are kept as entered (formats differ by
 * country); only text that cannot be a number is refused: fewer than 4 digits, or letters other
 * than an extension ("ext", "x").
 */
function phoneFault(number: string): string | null {
  if (number.length > MAX.phone) return `is longer than ${MAX.phone} characters`;
  if (/\p{L}/u.test(number.replace(/ext|x/gi, ''))) return 'is not a phone number (it has letters)';
  if ((number.match(/\p{Nd}/gu) ?? []).length < 4) return 'is not a phone number (too few digits)';
  return null;
}

const YES = new Set(['yes', 'y', 'true', '1', 'subscribed', 'optedin', 'ja', 'oui']);
// Shopify's states other than "subscribed" (pending confirmation, redacted, invalid) are not consent.
const NO = new Set(['no', 'n', 'false', '0', 'unsubscribed', 'notsubscribed', 'optedout', 'pending', 'redacted', 'invalid', 'nein', 'non']);

/** "yes", "TRUE", "subscribed" → true; "no", "not_subscribed" → false; anything else → null. */
export function parseYesNo(text: string): boolean | null {
  const key = text.toLowerCase().replace(/[\s_-]/g, '');
  return YES.has(key) ? true : NO.has(key) ? false : null;
}

/**
 * An amount or count written by a person or a spreadsheet: "1,234.50", "£12.00", "1.234,50 €",
 * "12,5". A comma followed by exactly three digits is a thousands separator. Null when unreadable.
 */
export function parseAmount(text: string): number | null {
  const t = text.replace(/[^\d.,-]/g, '');
  if (!/\d/.test(t)) return null;
  let plain: string | null = null;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) plain = t.replaceAll(',', '');
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) plain = t.replaceAll('.', '').replace(',', '.');
  else if (/^-?\d+(\.\d+)?$/.test(t)) plain = t;
  else if (/^-?\d+,\d+$/.test(t)) plain = t.replace(',', '.');
  return plain === null ? null : Number(plain);
}

/** A tag as the customer book stores it: a key such as "wedding-client" (from "Wedding Client"). */
function tagKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 for an English month name or an abbreviation of at least three letters ("Mar", "Sept"), else 0. */
function monthNumber(word: string): number {
  const w = word.toLowerCase();
  return w.length < 3 ? 0 : MONTHS.findIndex((m) => m.startsWith(w)) + 1;
}

/**
 * A day of the year, with or without the year: 1980-03-22, 19800322, 22/03/1980 (day first),
 * 22.03.1980, 03-22, --03-22, --0322 (vCard), "22 March 1980", "March 22", "March 22, 1980".
 * A time after the date is ignored. Years outside 1900–2100 are dropped (Apple writes 1604 for
 * "no year"), keeping the day and month.
 */
export function parseDate(text: string): { month: number; day: number; year: number | null } | null {
  const t = text.trim().replace(/^(\d[\d-]*\d)[T ]\d{1,2}(:?\d\d)*\S*$/, '$1');
  for (const form of DATE_FORMS) {
    const m = t.match(form.pattern);
    if (!m) continue;
    const monthText = m[form.month]!;
    const month = /^\d+$/.test(monthText) ? Number(monthText) : monthNumber(monthText);
    const day = Number(m[form.day]);
    const year = form.year ? Number(m[form.year] ?? 0) : 0;
    // Day 29 of February is fine without a year: the birthday exists.
    const daysInMonth = new Date(Date.UTC(year || 2000, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
    return { month, day, year: year >= 1900 && year <= 2100 ? year : null };
  }
  return null;
}

/** The date forms `parseDate` reads: a pattern and the groups holding the year (0: none), month (digits or a name) and day. */
const DATE_FORMS: { pattern: RegExp; year: number; month: number; day: number }[] = [
  { pattern: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, year: 1, month: 2, day: 3 }, // 1980-03-22
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, year: 1, month: 2, day: 3 }, // 19800322
  { pattern: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, year: 3, month: 2, day: 1 }, // 22/03/1980
  { pattern: /^--(\d{2})-?(\d{2})$/, year: 0, month: 1, day: 2 }, // --0322
  { pattern: /^(\d{1,2})-(\d{1,2})$/, year: 0, month: 1, day: 2 }, // 03-22
  { pattern: /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+(\p{L}+)\.?,?(?:\s+(\d{4}))?$/iu, year: 3, month: 2, day: 1 }, // 22 March 1980
  { pattern: /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$/iu, year: 3, month: 1, day: 2 }, // March 22, 1980
];

// Region codes CLDR names that are not (or no longer) countries, or whose names other codes own.
const NOT_COUNTRIES = new Set('AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB YD YU ZR ZZ'.split(' '));
// Names people write that CLDR does not use.
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  unitedstatesofamerica: 'US',
  america: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  holland: 'NL',
  russianfederation: 'RU',
  czechrepublic: 'CZ',
  turkey: 'TR',
  ivorycoast: 'CI',
  uae: 'AE',
};
let countryIndex: Map<string, string> | null = null;

/** Country names in a few languages → ISO code, from the runtime's own CLDR data (built on first use). */
function countries(): Map<string, string> {
  if (countryIndex) return countryIndex;
  const index = new Map<string, string>(Object.entries(COUNTRY_ALIASES));
  const languages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      for (const names of languages) {
        const name = names.of(code);
        if (name === undefined) continue;
        for (const key of [code.toLowerCase(), headerKey(name)]) if (!index.has(key)) index.set(key, code);
      }
    }
  }
  countryIndex = index;
  return index;
}

/** "GB", "gb", "United Kingdom", "Deutschland", "U.S.A." → the ISO 3166 two-letter code; null if unknown. */
export function countryCode(text: string): string | null {
  return countries().get(headerKey(text)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet rows

/** Our own exports (csv.ts toCsvLine) put an apostrophe before = + - @: take it off again. */
function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Splits a cell holding several e-mails or phone numbers ("a@x.com; b@y.com"). */
function splitList(text: string): string[] {
  return text.split(/[;,]/);
}

function addToDraft(draft: CustomerDraft, field: CustomerField, v: DraftValue): void {
  switch (field) {
    case 'title':
    case 'firstName':
    case 'lastName':
    case 'fullName':
    case 'preferredName':
    case 'totalSpent':
    case 'totalOrders':
      draft[field] ??= v;
      return;
    case 'email':
      for (const text of splitList(v.text)) draft.emails.push({ ...v, text, label: 'email' });
      return;
    case 'phone':
    case 'mobile':
      for (const text of splitList(v.text)) draft.phones.push({ ...v, text, label: field });
      return;
    case 'line1':
    case 'line2':
    case 'city':
    case 'region':
    case 'postcode':
    case 'country':
      draft.address[field] ??= v;
      return;
    case 'birthday':
      draft.dates.push({ ...v, kind: 'birthday' });
      return;
    case 'tags':
      for (const text of v.text.split(',')) draft.tags.push({ ...v, text });
      return;
    case 'note':
      draft.notes.push(v);
      return;
    case 'acceptsEmailMarketing':
    case 'acceptsSmsMarketing':
      draft.consents.push({ ...v, channel: field === 'acceptsEmailMarketing' ? 'email' : 'sms' });
      return;
  }
}

/**
 * One spreadsheet row as a customer, by the mapping. A row with nothing but white space is
 * 'empty' (spreadsheets leave such rows behind); otherwise the row is a customer or the reason it
 * is not, naming the column and value at fault.
 */
export function rowToCustomer(header: string[], fields: string[], mapping: ColumnMapping): RowOutcome {
  if (fields.every((f) => stripControl(f).trim() === '')) return { kind: 'empty' };
  const draft = newDraft();
  fields.forEach((text, i) => {
    const column = header[i];
    const field = column === undefined ? undefined : mapping[column];
    if (!field || field === 'ignore' || text.trim() === '') return;
    addToDraft(draft, field, { text: unguard(text.trim()), from: `Column "${column}"` });
  });
  return draftToCustomer(draft, true);
}
