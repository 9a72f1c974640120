import {
  type Address,
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  type ConsentChannel,
  type ConsentPurpose,
  type Email,
  type ImportantDate,
  type Phone,
  PREFERENCE_KEYS,
} from '../../../shared/customers.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { invalidField } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { activePreferences, currentConsents } from '../customers/customers.repo.ts';
import type { OpenLink } from './answers.service.ts';

/**
 * What the shop keeps about the customer a feedback link belongs to, in the customer's own words:
 * vocabulary labels rather than keys, and nothing staff wrote for each other (notes), nothing that
 * names staff, no ids and no figures of what they spent.
 */

/** Where consent given on the customer's own page is recorded from. */
export const CUSTOMER_LINK_SOURCE = 'customer-link';

export const CHANNEL_WORDS: Record<ConsentChannel, string> = { email: 'E-mail', sms: 'Text messages', phone: 'Phone calls', post: 'Post' };
export const PURPOSE_WORDS: Record<ConsentPurpose, string> = {
  service: 'About your orders and visits',
  marketing: 'News and offers',
};

/** Headings of the built-in preferences, said to the customer. */
const PREFERENCE_HEADINGS: Record<string, string> = {
  room: 'Rooms',
  'colour-liked': 'Colours you like',
  'colour-disliked': 'Colours you would rather not have',
  style: 'Styles you like',
  material: 'Materials',
  size: 'Sizes',
  occasion: 'Occasions you celebrate',
  budget: 'Budgets',
  frequency: 'How often you buy',
  avoid: 'Things to avoid',
};

const FREQUENCY_WORDS: Record<string, string> = {
  daily: 'every day',
  weekly: 'every week',
  monthly: 'every month',
  occasionally: 'now and then',
  rarely: 'rarely',
};

export interface ConsentState {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  /** null when never asked. */
  granted: boolean | null;
  since: string | null;
}

export interface AboutMe {
  name: string;
  preferredName: string | null;
  phones: Phone[];
  emails: Email[];
  address: string[];
  preferences: { heading: string; items: string[] }[];
  dates: string[];
  consents: ConsentState[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A key nobody labelled, said as words: "dusty-rose" → "Dusty rose". */
const humanise = (key: string) => capital(key.replace(/-/g, ' '));

/**
 * The customer a link speaks for: a profile merged into another is read through the one it was
 * merged into, since that is where its preferences and consent went. Undefined when erased.
 */
async function customerOf(deps: Deps, retailerId: string, customerId: string) {
  let id = customerId;
  for (let hop = 0; hop < 5; hop++) {
    const row = await deps.db
      .selectFrom('customers')
      .select([
        'id',
        'title',
        'first_name',
        'last_name',
        'preferred_name',
        'phones',
        'emails',
        'address',
        'dates',
        'erased_at',
        'merged_into_id',
      ])
      .where('retailer_id', '=', retailerId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.erased_at) return undefined;
    if (!row.merged_into_id) return row;
    id = row.merged_into_id;
  }
  return undefined;
}

/** The customer's id the page reads and writes, or null when the link has none or they are erased. */
export async function aboutMeCustomerId(deps: Deps, link: OpenLink): Promise<string | null> {
  if (!link.customerId) return null;
  return (await customerOf(deps, link.retailerId, link.customerId))?.id ?? null;
}

/**
 * Everything the page shows, or null when the link has no customer (or they are gone). Shown to the
 * customer (`viewed`), it is logged as a view of their details, as a staff member's view is.
 */
export async function aboutMe(
  deps: Deps,
  link: OpenLink,
  viewed?: { requestId: string | null; ip: string | null },
): Promise<AboutMe | null> {
  if (!link.customerId) return null;
  const row = await customerOf(deps, link.retailerId, link.customerId);
  if (!row) return null;
  if (viewed)
    await recordAudit(
      deps.db,
      { retailerId: link.retailerId, actorType: 'customer', actorId: row.id, ...viewed },
      { action: 'customer.viewed', subjectType: 'customer', subjectId: row.id, details: { by: 'the customer, from their feedback link' } },
    );
  const [preferences, consents, vocabulary, customKeys, retailer] = await Promise.all([
    activePreferences(deps.db, link.retailerId, row.id),
    currentConsents(deps.db, link.retailerId, row.id),
    // Archived terms too: a preference recorded before a word was retired still reads as words.
    deps.db.selectFrom('vocabulary_terms').select(['kind', 'key', 'label']).where('retailer_id', '=', link.retailerId).execute(),
    deps.db.selectFrom('preference_keys').select(['key', 'label']).where('retailer_id', '=', link.retailerId).execute(),
    deps.db.selectFrom('retailers').select(['currency']).where('id', '=', link.retailerId).executeTakeFirstOrThrow(),
  ]);
  const labels = new Map(vocabulary.map((t) => [`${t.kind}:${t.key}`, t.label]));
  const label = (kind: string, key: unknown) => {
    const k = str(key);
    return k ? (labels.get(`${kind}:${k}`) ?? humanise(k)) : null;
  };
  const money = (n: number) =>
    new Intl.NumberFormat(link.locale, {
      style: 'currency',
      currency: retailer.currency.trim(),
      maximumFractionDigits: Number.isInteger(n) ? 0 : 2,
    }).format(n);
  const dayMonth = (month: number, day: number, year?: number | null) =>
    new Intl.DateTimeFormat(link.locale, { day: 'numeric', month: 'long', ...(year ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(
      new Date(Date.UTC(year ?? 2000, month - 1, day)),
    );

  const describe = (key: string, v: Record<string, unknown>): string | null => {
    switch (key) {
      case 'room': {
        const name = str(v.name);
        const room = `${label('room', v.room) ?? 'A room'}${name ? ` (“${name}”)` : ''}`;
        const details = [
          list(v.colours)
            .map((c) => label('colour', c))
            .join(', '),
          label('style', v.style),
          str(v.size) ? `${v.size} room` : null,
          str(v.light) ? `${v.light} light` : null,
          list(v.furniture).join(', '),
        ].filter(Boolean);
        return details.length ? `${room}: ${details.join(' · ')}` : room;
      }
      case 'colour-liked':
      case 'colour-disliked':
        return label('colour', v.colour);
      case 'style':
      case 'material':
      case 'size':
        return label(key, v[key]);
      case 'occasion': {
        const month = num(v.month);
        const day = num(v.day);
        return [label('occasion', v.occasion), month && day ? dayMonth(month, day) : null].filter(Boolean).join(', ') || null;
      }
      case 'budget': {
        const min = num(v.min);
        const max = num(v.max);
        const range =
          min !== null && max !== null
            ? `${money(min)} to ${money(max)}`
            : max !== null
              ? `up to ${money(max)}`
              : min !== null
                ? `from ${money(min)}`
                : 'no amount given';
        return `${capital(str(v.category) ?? 'anything')}: ${range}`;
      }
      case 'frequency':
        return `${capital(str(v.subject) ?? 'something')}: ${FREQUENCY_WORDS[str(v.frequency) ?? ''] ?? 'now and then'}`;
      case 'avoid': {
        const reason = str(v.reason);
        return `${capital(str(v.item) ?? 'something')}${reason ? ` (${reason})` : ''}`;
      }
      default: {
        const value = v.value;
        if (typeof value === 'string') return str(value);
        if (typeof value === 'number') return String(value);
        return value === true ? 'Yes' : value === false ? 'No' : null;
      }
    }
  };

  const groups = new Map<string, string[]>();
  for (const p of preferences) {
    const text = describe(p.key, (p.value ?? {}) as Record<string, unknown>);
    if (!text) continue;
    const items = groups.get(p.key) ?? [];
    if (!items.includes(text)) items.push(text);
    groups.set(p.key, items);
  }
  const custom = new Map(customKeys.map((k) => [k.key, k.label]));
  const order = (k: string) => {
    const i = (PREFERENCE_KEYS as readonly string[]).indexOf(k);
    return i === -1 ? PREFERENCE_KEYS.length : i;
  };
  const preferenceGroups = [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([key, items]) => ({ heading: PREFERENCE_HEADINGS[key] ?? custom.get(key) ?? humanise(key), items }));

  const address = (row.address ?? null) as Address | null;
  const region = (code: string) => {
    try {
      return new Intl.DisplayNames(link.locale, { type: 'region' }).of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  };
  const addressLines = address
    ? [
        str(address.line1),
        str(address.line2),
        [str(address.city), str(address.region)].filter(Boolean).join(', ') || null,
        str(address.postcode),
        str(address.country) ? region(str(address.country) as string) : null,
      ].filter((l): l is string => Boolean(l))
    : [];

  const dates = ((row.dates ?? []) as ImportantDate[]).map((d) => {
    const what = d.kind === 'birthday' ? 'Birthday' : d.kind === 'anniversary' ? 'Anniversary' : 'A date to remember';
    const custom = str(d.label);
    return `${custom ? (d.kind === 'custom' ? custom : `${what} (${custom})`) : what}: ${dayMonth(d.month, d.day, d.year)}`;
  });

  const dateStyle = new Intl.DateTimeFormat(link.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const consentStates = CONSENT_CHANNELS.flatMap((channel) =>
    CONSENT_PURPOSES.map((purpose): ConsentState => {
      const c = consents.find((x) => x.channel === channel && x.purpose === purpose);
      return { channel, purpose, granted: c ? c.granted : null, since: c ? dateStyle.format(c.captured_at) : null };
    }),
  );

  const contactList = <T extends { label?: unknown }>(v: unknown, value: (x: T) => unknown) =>
    (Array.isArray(v) ? (v as T[]) : []).filter((x) => str(value(x)));

  return {
    name: [str(row.title), row.first_name, str(row.last_name)].filter(Boolean).join(' '),
    preferredName: str(row.preferred_name),
    phones: contactList<Phone>(row.phones, (p) => p.number).map((p) => ({ label: str(p.label) ?? 'Phone', number: p.number })),
    emails: contactList<Email>(row.emails, (e) => e.address).map((e) => ({ label: str(e.label) ?? 'E-mail', address: e.address })),
    address: addressLines,
    preferences: preferenceGroups,
    dates,
    consents: consentStates,
  };
}

/** A consent choice as the page's form names it: `consent.email.marketing`. */
export const consentField = (channel: ConsentChannel, purpose: ConsentPurpose) => `consent.${channel}.${purpose}`;

export interface ConsentChoice {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
}

/**
 * Reads the page's consent form: each field `consent.<channel>.<purpose>` is yes or no; one left
 * out is left as it is. Anything else is refused naming the field, so nothing is half-saved.
 */
export function checkConsentForm(body: unknown): ConsentChoice[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidField('body', 'Send the form as fields.');
  const out: ConsentChoice[] = [];
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    const [prefix, channel, purpose, ...rest] = field.split('.');
    if (
      prefix !== 'consent' ||
      rest.length > 0 ||
      !(CONSENT_CHANNELS as readonly string[]).includes(channel ?? '') ||
      !(CONSENT_PURPOSES as readonly string[]).includes(purpose ?? '')
    )
      throw invalidField(field, `${field} is not a choice on this page.`);
    if (value === '' || value === undefined) continue;
    if (value !== 'yes' && value !== 'no') throw invalidField(field, `${field} must be yes or no.`);
    out.push({ channel: channel as ConsentChannel, purpose: purpose as ConsentPurpose, granted: value === 'yes' });
  }
  return out;
}

/**
 * Records the customer's own consent choices exactly as a change made by staff is recorded — a new
 * row of the consent history and a `consent.changed` entry on the customer's timeline — but only
 * for the choices that differ from what is in force, so sending the form again records nothing.
 * Returns how many changed.
 */
export async function saveConsents(
  deps: Deps,
  link: OpenLink,
  customerId: string,
  choices: ConsentChoice[],
  meta: { requestId: string | null; ip: string | null },
): Promise<number> {
  const audit: AuditContext = {
    retailerId: link.retailerId,
    actorType: 'customer',
    actorId: customerId,
    requestId: meta.requestId,
    ip: meta.ip,
  };
  return deps.db.transaction().execute(async (trx) => {
    const current = await currentConsents(trx, link.retailerId, customerId);
    let changed = 0;
    for (const choice of choices) {
      const inForce = current.find((c) => c.channel === choice.channel && c.purpose === choice.purpose);
      if (inForce && inForce.granted === choice.granted) continue;
      await trx
        .insertInto('customer_consents')
        .values({
          retailer_id: link.retailerId,
          id: newId('consent'),
          customer_id: customerId,
          channel: choice.channel,
          purpose: choice.purpose,
          granted: choice.granted,
          source: CUSTOMER_LINK_SOURCE,
          captured_by: null,
        })
        .execute();
      await recordAudit(trx, audit, {
        action: 'consent.changed',
        subjectType: 'customer',
        subjectId: customerId,
        details: { ...choice, source: CUSTOMER_LINK_SOURCE },
      });
      changed++;
    }
    return changed;
  });
}
