/**
 * Conversation starters for the visit screen: a few suggestions for the associate, each drawn from
 * one real fact the shop holds about the customer (a date coming up, an item they waited for that
 * is now in, something they bought a few weeks ago, a room and its palette, a colleague's note) and
 * showing that fact. Nothing is invented: every name, room, item and date in a suggestion comes from
 * the input, and nothing known gives no starters. Suggestions never push a sale, and an avoided
 * item is only ever something to keep in mind. Pure and deterministic: the same facts in any order
 * give the same list, and days are counted where the store is (its time zone), never where the
 * machine is.
 */
import { type SellingAttributes, variantLabel } from '../catalog.ts';
import type { HouseholdMember, ImportantDate, PreferenceValues, VocabularyTerm } from '../customers.ts';
import { dayIn } from '../dates.ts';
import { type FollowUpKind, nextOccurrence } from './follow-ups.ts';
import type { LostOutcome, NoSaleReason } from './visits.ts';

// ---------------------------------------------------------------------------------------------
// Input: what the server assembles from the customer book, sales, visits and follow-ups.

/** A yearly date the customer keeps, as stored on the profile, and whose it is. */
export type StarterDate = Pick<ImportantDate, 'kind' | 'month' | 'day'> & {
  label?: string | null;
  /** A household member's name when the date is theirs (their birthday); none for the customer's own. */
  whose?: string | null;
};

/** The customer, as the profile holds them. */
export interface StarterCustomer {
  title?: string | null;
  firstName: string;
  lastName?: string | null;
  /** Used whenever there is one; otherwise title and surname ("Mrs Okafor"), otherwise the first name. */
  preferredName?: string | null;
  household?: HouseholdMember[];
  dates?: StarterDate[];
}

/** One sale line of the customer's (a return has a negative quantity and cancels what it gives back). */
export interface StarterPurchase {
  saleId: string;
  /** When it was sold (ISO instant). */
  soldAt: string;
  storeName?: string | null;
  /** The product's title, or the line's description when it is not a catalog item. */
  productTitle: string;
  /** The variant's title ("Oatmeal / sage"); none or "Default" for a product without variants. */
  variantTitle?: string | null;
  /** Category path, "Soft furnishings/Cushions". */
  category?: string | null;
  /** The variant's selling attributes: rooms link it to the customer's rooms; fresh flowers are asked about sooner. */
  attributes?: Pick<SellingAttributes, 'colours' | 'rooms' | 'occasions' | 'lifespan'>;
  quantity: number;
}

/** The preference keys starters read; the server passes only these. */
export const STARTER_PREFERENCE_KEYS = ['room', 'colour-liked', 'colour-disliked', 'avoid', 'occasion'] as const;
export type StarterPreferenceKey = (typeof STARTER_PREFERENCE_KEYS)[number];

/** A structured preference as stored: its key, its value and when it was recorded (ISO instant). */
export type StarterPreference = {
  [K in StarterPreferenceKey]: { key: K; value: PreferenceValues[K]; recordedAt: string };
}[StarterPreferenceKey];

/** A visit before this one. */
export interface StarterVisit {
  id: string;
  /** When the customer arrived (ISO instant). */
  at: string;
  outcome: 'sale' | 'special-order' | 'no-sale' | null;
  noSaleReason?: NoSaleReason | null;
  /** What was asked for and could not be had (lost demand), and the item taken instead, if any. */
  askedFor?: { description: string; outcome: LostOutcome; instead?: string | null }[];
}

/** A colleague's note on the customer: quoted as it stands, never reworded. */
export interface StarterNote {
  id: string;
  body: string;
  /** The author's name; none when the author is gone. */
  author: string | null;
  /** When it was written (ISO instant). */
  at: string;
}

/** An open follow-up of the customer's. */
export interface StarterFollowUp {
  id: string;
  kind: FollowUpKind;
  title: string;
  createdAt: string;
  /** Back-in-stock: the item waited for ("Ranunculus — White") and when it arrived here; none while it is awaited. */
  item?: string | null;
  arrivedAt?: string | null;
}

export interface StarterFacts {
  /** The store's IANA time zone: "today", "in 5 days" and every date shown are counted there. Default UTC. */
  timeZone?: string;
  customer: StarterCustomer | null;
  purchases?: StarterPurchase[];
  preferences?: StarterPreference[];
  visits?: StarterVisit[];
  notes?: StarterNote[];
  followUps?: StarterFollowUp[];
  /** The retailer's vocabulary, for words ("living-room" → "living room"); a key stands for itself otherwise. */
  vocabulary?: VocabularyTerm[];
}

// ---------------------------------------------------------------------------------------------
// Output

/** What a starter's fact is about; `care` is something to keep in mind (what they avoid), never a topic to sell on. */
export const FACT_KINDS = [
  'back-in-stock',
  'date',
  'visit',
  'follow-up',
  'purchase',
  'care',
  'room',
  'note',
  'household',
  'colour',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** One suggestion for the associate and the fact it is drawn from. */
export interface Starter {
  /** Stable across calls (for React lists): the fact's kind and identity. */
  key: string;
  /** The suggestion, in plain words: "Ask Mrs Okafor how the living room looks with the “…”". */
  text: string;
  fact: {
    kind: FactKind;
    /** The fact as it stands: "Bought 2 × Stonewashed linen cushion set — Oatmeal / sage on 14 Mar 2026 at Main Street". */
    text: string;
    /** When it happened, was recorded or falls (ISO instant, or `YYYY-MM-DD` for a yearly date). */
    at?: string;
  };
  /** How useful it is now; the list is sorted by it. */
  weight: number;
}

/** At most this many starters: a glance, not a briefing. */
export const MAX_STARTERS = 4;

/** How many starters one kind of fact may fill, so the few shown say different things. */
const PER_KIND: Record<FactKind, number> = {
  'back-in-stock': 2,
  date: 2,
  visit: 2,
  'follow-up': 1,
  purchase: 2,
  care: 2,
  room: 1,
  note: 1,
  household: 1,
  colour: 1,
};

/** Days around a fact that make it worth raising. */
const DATE_AHEAD_DAYS = 21;
const DATE_PAST_DAYS = 7;
const PURCHASE_WINDOW = { from: 14, to: 56, best: 28 };
const FRESH_WINDOW = { from: 1, to: 10, best: 4 };
const VISIT_DAYS = 60;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Words

/** How to address the customer: preferred name, else title and surname, else first name (as the profile shows them). */
export function addressName(c: StarterCustomer): string {
  const preferred = c.preferredName?.trim();
  if (preferred) return preferred;
  if (c.title?.trim() && c.lastName?.trim()) return `${c.title.trim()} ${c.lastName.trim()}`;
  return c.firstName.trim();
}

const possessive = (name: string) => `${name}’s`;

/** "sage and cream", "sage, cream and oak". */
const and = (words: string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

const quote = (s: string) => `“${s}”`;

/** Folded words with their plain forms, so "lilies" finds "Lily — Stargazer". */
function forms(text: string): Set<string>[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1)
    .map((w) => {
      const f = new Set([w]);
      if (w.endsWith('ies') && w.length > 4) f.add(`${w.slice(0, -3)}y`);
      if (w.endsWith('es') && w.length > 3) f.add(w.slice(0, -2));
      if (w.endsWith('s') && !w.endsWith('ss') && w.length > 2) f.add(w.slice(0, -1));
      return f;
    });
}

/** Words in an avoid entry that do not name the thing ("no lilies, ever"). */
const FILLER = new Set(['no', 'not', 'any', 'ever', 'never', 'and', 'or', 'the', 'of', 'with', 'a', 'an']);

/** Whether an item's words contain every word of an avoided thing. */
function mentions(itemText: string, avoided: string): boolean {
  const want = forms(avoided).filter((f) => ![...f].some((w) => FILLER.has(w)));
  if (want.length === 0) return false;
  const have = forms(itemText);
  return want.every((w) => have.some((h) => [...w].some((x) => h.has(x))));
}

// ---------------------------------------------------------------------------------------------
// Days, counted where the store is

const ymdToUtc = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
const daysBetween = (from: string, to: string) => Math.round((ymdToUtc(to) - ymdToUtc(from)) / DAY_MS);
const addDays = (ymd: string, days: number) => new Date(ymdToUtc(ymd) + days * DAY_MS).toISOString().slice(0, 10);

/** Whether a month and day can fall in some year (29 February can; 31 April cannot). */
const realDay = (month: number, day: number) =>
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  new Date(Date.UTC(2024, month - 1, day)).getUTCMonth() === month - 1;

interface Clock {
  today: string;
  timeZone: string;
  /** The calendar day of an instant where the store is; null for a date that cannot be read. */
  day(iso: string): string | null;
  /** "14 Mar 2026" (with year) or "31 Dec". */
  show(ymd: string, withYear: boolean): string;
}

function clock(now: Date | string, timeZone: string, locale: string): Clock {
  const long = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const day = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : dayIn(d, timeZone);
  };
  const today = day(typeof now === 'string' ? now : now.toISOString());
  if (!today) throw new RangeError('conversationStarters: `now` is not a date');
  return { today, timeZone, day, show: (ymd, withYear) => (withYear ? long : short).format(new Date(`${ymd}T00:00:00Z`)) };
}

// ---------------------------------------------------------------------------------------------
// The starters each kind of fact gives

interface Context {
  name: string | null;
  clock: Clock;
  /** Words for a vocabulary key of a kind ("living-room" → "Living room"). */
  label: (kind: VocabularyTerm['kind'], key: string) => string;
  avoided: string[];
}

const Ask = (c: Context) => (c.name ? `Ask ${c.name}` : 'Ask');

/** When a yearly date falls relative to today: within three weeks ahead, or just passed (negative). */
function dayOffset(ctx: Context, month: number, day: number): { ymd: string; days: number } | null {
  if (!realDay(month, day)) return null;
  const next = nextOccurrence(ctx.clock.today, month, day);
  const ahead = daysBetween(ctx.clock.today, next);
  if (ahead <= DATE_AHEAD_DAYS) return { ymd: next, days: ahead };
  const past = nextOccurrence(addDays(ctx.clock.today, -DATE_PAST_DAYS), month, day);
  const ago = daysBetween(ctx.clock.today, past);
  return ago < 0 ? { ymd: past, days: ago } : null;
}

/** A nearer date is worth more; one just passed is worth asking after, less. */
const dateWeight = (days: number) => (days >= 0 ? 95 - 2 * days : 50 + 3 * days);

function dateStarters(ctx: Context, customer: StarterCustomer, preferences: StarterPreference[]): Starter[] {
  const out: Starter[] = [];
  const name = ctx.name ?? customer.firstName;
  const household = customer.household ?? [];
  // Two members of one name: the relation first in alphabetical order, so input order never matters.
  const relationOf = (who: string) =>
    household
      .filter((m) => m.name.trim().toLowerCase() === who.trim().toLowerCase() && m.relation?.trim())
      .map((m) => m.relation.trim())
      .sort(byText)[0];
  const taken = new Set<string>();
  for (const d of customer.dates ?? []) {
    if (!realDay(d.month, d.day)) continue;
    taken.add(`${d.month}-${d.day}`);
    const when = dayOffset(ctx, d.month, d.day);
    if (!when) continue;
    const on = ctx.clock.show(when.ymd, false);
    const whenWords = when.days === 0 ? 'today' : when.days === 1 ? 'tomorrow' : `on ${on}, in ${when.days} days`;
    const whose = d.whose?.trim() || null;
    const relation = whose ? relationOf(whose) : undefined;
    const label = d.label?.trim() || null;
    const what = d.kind === 'custom' ? (label ?? 'A date to remember') : d.kind === 'birthday' ? 'Birthday' : 'Anniversary';
    const whoseWords = whose ? ` of ${whose}${relation ? ` (${relation})` : ''}` : '';
    const fact = `${what}${whoseWords}: ${on}`;
    let text: string;
    if (d.kind === 'custom') {
      const l = label ?? (whose ? 'A date to remember' : `A date ${name} keeps`);
      const full = whose ? `${l} (${whose})` : l;
      const lower = label ? full : full.charAt(0).toLowerCase() + full.slice(1);
      text = when.days < 0 ? `Ask ${name} how ${lower} on ${on} went` : `${full} is ${whenWords} — ask ${name} about it`;
    } else if (whose) {
      const poss = possessive(whose);
      if (d.kind === 'birthday')
        text =
          when.days < 0
            ? `Ask ${name} whether ${whose} had a good birthday on ${on}`
            : when.days === 0
              ? `It’s ${poss} birthday today — ask ${name} how they are celebrating`
              : `${poss} birthday is ${whenWords} — ask ${name} how they will celebrate`;
      else
        text =
          when.days < 0
            ? `Ask ${name} how ${poss} anniversary on ${on} went`
            : when.days === 0
              ? `It’s ${poss} anniversary today — ask ${name} if anything is planned`
              : `${poss} anniversary is ${whenWords} — ask ${name} if anything is planned`;
    } else if (d.kind === 'birthday')
      text =
        when.days < 0
          ? `Ask ${name} whether they had a good birthday on ${on}`
          : when.days === 0
            ? `Wish ${name} a happy birthday today`
            : `${possessive(name)} birthday is ${whenWords} — ask how they will celebrate`;
    else
      text =
        when.days < 0
          ? `Ask ${name} how the anniversary on ${on} went`
          : when.days === 0
            ? `Congratulate ${name} on their anniversary today`
            : `${possessive(name)} anniversary is ${whenWords} — ask if anything is planned`;
    out.push({
      key: `date:${d.kind}:${(whose ?? '').toLowerCase()}:${(label ?? '').toLowerCase()}:${d.month}-${d.day}`,
      text,
      fact: { kind: 'date', text: fact, at: when.ymd },
      weight: dateWeight(when.days),
    });
  }
  // Occasions with a day: the same as a date, unless a date on the profile already says it.
  for (const p of preferences) {
    if (p.key !== 'occasion' || p.value.month == null || p.value.day == null) continue;
    const { occasion, month, day } = p.value;
    if (taken.has(`${month}-${day}`)) continue;
    const when = dayOffset(ctx, month, day);
    if (!when) continue;
    const on = ctx.clock.show(when.ymd, false);
    const label = ctx.label('occasion', occasion);
    const text =
      when.days < 0
        ? `Ask ${name} how ${label} went`
        : when.days === 0
          ? `It’s ${label} today — ask ${name} what is planned`
          : `${label} is ${when.days === 1 ? 'tomorrow' : `on ${on}, in ${when.days} days`} — ask ${name} what is planned`;
    out.push({
      key: `date:occasion:${occasion}:${month}-${day}`,
      text,
      fact: { kind: 'date', text: `Occasion they keep: ${label}, ${on} (recorded ${recorded(ctx, p.recordedAt)})`, at: when.ymd },
      weight: dateWeight(when.days) - 1,
    });
  }
  return out;
}

const recorded = (ctx: Context, iso: string) => {
  const d = ctx.clock.day(iso);
  return d ? ctx.clock.show(d, true) : 'on an unknown day';
};

function backInStockStarters(ctx: Context, followUps: StarterFollowUp[]): Starter[] {
  const out: Starter[] = [];
  for (const f of followUps) {
    const item = f.item?.trim();
    if (f.kind !== 'back-in-stock' || !item || !f.arrivedAt) continue;
    const arrived = ctx.clock.day(f.arrivedAt);
    const asked = ctx.clock.day(f.createdAt);
    // In only once it has arrived, and after it was asked for: an earlier delivery is not the one they wait for.
    if (!arrived || arrived > ctx.clock.today || (asked && arrived < asked)) continue;
    // Something they must avoid is not brought up as a thing to have, even if they once asked for it.
    if (ctx.avoided.some((a) => mentions(item, a))) continue;
    const since = daysBetween(arrived, ctx.clock.today);
    out.push({
      key: `back-in-stock:${f.id}`,
      text: `Let ${ctx.name ?? 'them'} know we now have the ${quote(item)} they asked about`,
      fact: {
        kind: 'back-in-stock',
        text: `Waiting for ${item}${asked ? ` since ${ctx.clock.show(asked, true)}` : ''}; in stock since ${ctx.clock.show(arrived, true)}`,
        at: f.arrivedAt,
      },
      weight: 100 - Math.min(since, 30),
    });
  }
  return out;
}

function followUpStarters(ctx: Context, followUps: StarterFollowUp[]): Starter[] {
  const out: Starter[] = [];
  const n = ctx.name;
  for (const f of followUps) {
    // Back-in-stock calls are said above once the item is here; date reminders are the dates themselves.
    if (f.kind === 'back-in-stock' || f.kind === 'anniversary' || !f.title.trim()) continue;
    const text =
      f.kind === 'thank-you'
        ? `Thank ${n ?? 'them'} in person for the last visit`
        : f.kind === 'after-delivery'
          ? `${Ask(ctx)} whether the delivery arrived well`
          : `Pick up the open follow-up with ${n ?? 'them'} in person`;
    const created = ctx.clock.day(f.createdAt);
    out.push({
      key: `follow-up:${f.id}`,
      text,
      fact: {
        kind: 'follow-up',
        text: `Open follow-up${created ? ` from ${ctx.clock.show(created, true)}` : ''}: ${quote(f.title.trim())}`,
        at: f.createdAt,
      },
      weight: 65,
    });
  }
  return out;
}

function visitStarters(ctx: Context, visits: StarterVisit[], waitingItems: string[]): Starter[] {
  const out: Starter[] = [];
  for (const v of visits) {
    const day = ctx.clock.day(v.at);
    if (!day) continue;
    const ago = daysBetween(day, ctx.clock.today);
    if (ago < 0 || ago > VISIT_DAYS) continue;
    const on = ctx.clock.show(day, true);
    if (v.outcome === 'no-sale' && (v.noSaleReason === 'will-come-back' || v.noSaleReason === 'gift-idea'))
      out.push({
        key: `visit:${v.id}`,
        text:
          v.noSaleReason === 'will-come-back'
            ? `Welcome ${ctx.name ?? 'them'} back — last time, on ${ctx.clock.show(day, false)}, they wanted time to think`
            : `${Ask(ctx)} how the search for a gift went after the visit on ${ctx.clock.show(day, false)}`,
        fact: {
          kind: 'visit',
          text: `Visit on ${on}: no sale — ${v.noSaleReason === 'will-come-back' ? 'said they would come back' : 'looking for gift ideas'}`,
          at: v.at,
        },
        weight: 80 - ago,
      });
    for (const a of v.askedFor ?? []) {
      const item = a.description.trim();
      if (!item || a.outcome === 'ordered') continue;
      if (ctx.avoided.some((x) => mentions(item, x))) continue;
      // The item is back in: that starter says it better.
      if (waitingItems.some((w) => w.toLowerCase() === item.toLowerCase())) continue;
      const instead = a.instead?.trim();
      if (instead && ctx.avoided.some((x) => mentions(instead, x))) continue;
      const text =
        a.outcome === 'substituted'
          ? instead
            ? `${Ask(ctx)} how the ${quote(instead)} worked out in place of the ${quote(item)}`
            : `${Ask(ctx)} how the stand-in for the ${quote(item)} worked out`
          : a.outcome === 'other-store'
            ? `${Ask(ctx)} whether the ${quote(item)} from our other shop was right`
            : `${Ask(ctx)} whether the search for ${quote(item)} worked out`;
      const happened =
        a.outcome === 'substituted'
          ? instead
            ? `took ${instead} instead`
            : 'took something else instead'
          : a.outcome === 'other-store'
            ? 'sent to another of our shops'
            : 'not in stock';
      out.push({
        key: `visit:${v.id}:${item.toLowerCase()}`,
        text,
        fact: { kind: 'visit', text: `Asked for ${item} on ${on} — ${happened}`, at: v.at },
        weight: 70 - ago,
      });
    }
  }
  return out;
}

function purchaseStarters(ctx: Context, purchases: StarterPurchase[], rooms: RoomPreference[]): Starter[] {
  // Units given back per item: an item returned in full is not asked about.
  const net = new Map<string, number>();
  for (const p of purchases) {
    const label = variantLabel(p.productTitle, p.variantTitle);
    if (Number.isFinite(p.quantity)) net.set(label, (net.get(label) ?? 0) + p.quantity);
  }
  // The latest sale of each item (same day: the larger quantity, then the sale id).
  const latest = new Map<string, { p: StarterPurchase; day: string; quantity: number }>();
  for (const p of purchases) {
    const label = variantLabel(p.productTitle, p.variantTitle);
    const day = ctx.clock.day(p.soldAt);
    if (!label || !day || !(p.quantity > 0) || (net.get(label) ?? 0) <= 0) continue;
    const lines = purchases.filter(
      (q) =>
        q.saleId === p.saleId &&
        variantLabel(q.productTitle, q.variantTitle) === label &&
        q.quantity > 0 &&
        ctx.clock.day(q.soldAt) === day,
    );
    const quantity = lines.reduce((s, q) => s + q.quantity, 0);
    const seen = latest.get(label);
    // The later day wins, then the larger quantity, then the sale id and the line itself, so input order never matters.
    const wins =
      !seen ||
      (byText(day, seen.day) ||
        quantity - seen.quantity ||
        byText(seen.p.saleId, p.saleId) ||
        byText(JSON.stringify(p), JSON.stringify(seen.p))) > 0;
    if (wins) latest.set(label, { p, day, quantity });
  }
  const out: Starter[] = [];
  for (const [label, { p, day, quantity }] of latest) {
    const ago = daysBetween(day, ctx.clock.today);
    const fresh = p.attributes?.lifespan === 'fresh';
    const window = fresh ? FRESH_WINDOW : PURCHASE_WINDOW;
    if (ago < window.from || ago > window.to) continue;
    // Bought before they said to avoid it, perhaps; either way, not a subject to raise.
    const words = [label, p.category ?? ''].join(' ');
    if (ctx.avoided.some((a) => mentions(words, a))) continue;
    const room = fresh ? null : roomFor(p, rooms);
    const text = fresh
      ? `${Ask(ctx)} how the ${quote(label)} lasted`
      : room
        ? `${Ask(ctx)} how ${roomWords(ctx, room)} looks with the ${quote(label)}`
        : `${Ask(ctx)} how the ${quote(label)} is working out`;
    out.push({
      key: `purchase:${label.toLowerCase()}`,
      text,
      fact: {
        kind: 'purchase',
        text: `Bought ${quantity > 1 ? `${quantity} × ` : ''}${label} on ${ctx.clock.show(day, true)}${p.storeName?.trim() ? ` at ${p.storeName.trim()}` : ''}`,
        at: p.soldAt,
      },
      weight: 75 - Math.abs(ago - window.best) * (fresh ? 3 : 1) + (room ? 5 : 0),
    });
  }
  return out;
}

type RoomPreference = { value: PreferenceValues['room']; recordedAt: string };

/** The customer's room an item was bought for: one of its rooms, the one sharing most of its colours. */
function roomFor(p: StarterPurchase, rooms: RoomPreference[]): RoomPreference | null {
  const itemRooms = p.attributes?.rooms ?? [];
  const colours = p.attributes?.colours ?? [];
  let best: { room: RoomPreference; shared: number } | null = null;
  for (const room of rooms) {
    if (!itemRooms.includes(room.value.room)) continue;
    const shared = (room.value.colours ?? []).filter((c) => colours.includes(c)).length;
    if (!best || shared > best.shared || (shared === best.shared && room.value.room < best.room.value.room)) best = { room, shared };
  }
  return best?.room ?? null;
}

/** "the living room", or the customer's own name for it ("the snug"). */
function roomWords(ctx: Context, room: RoomPreference): string {
  const own = room.value.name?.trim();
  // "snug" → "the snug"; "the snug" and "Nana’s room" stand as they are.
  if (own) return /^(the|my|our|her|his|their)\s/i.test(own) || !/^\p{Ll}/u.test(own) ? own : `the ${own}`;
  return `the ${ctx.label('room', room.value.room).toLowerCase()}`;
}

function roomStarters(ctx: Context, rooms: RoomPreference[]): Starter[] {
  return rooms.map((room) => {
    const v = room.value;
    const colours = (v.colours ?? []).map((c) => ctx.label('colour', c).toLowerCase());
    const style = v.style ? ctx.label('style', v.style).toLowerCase() : null;
    const furniture = (v.furniture ?? []).map((f) => f.trim()).filter(Boolean);
    const palette = colours.length > 0;
    const roomLabel = ctx.label('room', v.room);
    const own = v.name?.trim();
    const details = [palette ? and(colours) : null, style, furniture.length ? furniture.join(', ') : null].filter(Boolean);
    const years = Math.max(0, daysBetween(ctx.clock.day(room.recordedAt) ?? ctx.clock.today, ctx.clock.today) / 365);
    return {
      key: `room:${v.room}:${(own ?? '').toLowerCase()}`,
      text: `${Ask(ctx)} how ${roomWords(ctx, room)}${palette ? ` in ${and(colours)}` : ''} is coming along`,
      fact: {
        kind: 'room',
        text: `${roomLabel.charAt(0).toUpperCase()}${roomLabel.slice(1)}${own ? ` (${quote(own)})` : ''}${details.length ? `: ${details.join('; ')}` : ''} (recorded ${recorded(ctx, room.recordedAt)})`,
        at: room.recordedAt,
      },
      weight: Math.max(palette ? 20 : 15, (palette ? 40 : 25) - Math.floor(years) * 10),
    };
  });
}

function careStarters(ctx: Context, preferences: StarterPreference[]): Starter[] {
  const out: Starter[] = [];
  // One entry per thing avoided: the latest recorded says it (preferences come oldest first).
  const latestAvoid = new Map<string, Extract<StarterPreference, { key: 'avoid' }>>();
  for (const p of preferences) if (p.key === 'avoid' && p.value.item.trim()) latestAvoid.set(p.value.item.trim().toLowerCase(), p);
  const avoids = [...latestAvoid.values()].sort((a, b) => byText(a.recordedAt, b.recordedAt) || byText(a.value.item, b.value.item));
  if (avoids.length) {
    const said = [...new Set(avoids.map((a) => `${a.value.item.trim()}${a.value.reason?.trim() ? ` — ${a.value.reason.trim()}` : ''}`))];
    const latest = avoids.map((a) => a.recordedAt).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0];
    out.push({
      key: 'care:avoid',
      text: `Remember: ${said.map((s) => `no ${s}`).join('; ')}`,
      fact: {
        kind: 'care',
        text: `To avoid: ${said.join('; ')} (recorded ${avoids
          .map((a) => recorded(ctx, a.recordedAt))
          .filter((d, i, all) => all.indexOf(d) === i)
          .join(', ')})`,
        ...(latest ? { at: latest } : {}),
      },
      weight: 55,
    });
  }
  const disliked = preferences.flatMap((p) => (p.key === 'colour-disliked' ? [p] : []));
  if (disliked.length) {
    const colours = [...new Set(disliked.map((d) => ctx.label('colour', d.value.colour).toLowerCase()))];
    const latest = disliked.map((d) => d.recordedAt).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0];
    out.push({
      key: 'care:colours',
      text: `Remember: ${ctx.name ?? 'they'} would rather not have ${and(colours)}`,
      fact: { kind: 'care', text: `Colours disliked: ${and(colours)}`, ...(latest ? { at: latest } : {}) },
      weight: 18,
    });
  }
  return out;
}

function noteStarters(ctx: Context, notes: StarterNote[]): Starter[] {
  const out: Starter[] = [];
  for (const n of notes) {
    const body = n.body.trim();
    const day = ctx.clock.day(n.at);
    if (!body || !day) continue;
    const ago = Math.max(0, daysBetween(day, ctx.clock.today));
    const author = n.author?.trim() || null;
    // The note is shown as written; the suggestion only points to it, so nothing is read into it.
    out.push({
      key: `note:${n.id}`,
      text: `Pick up from ${author ? possessive(author) : 'a colleague’s'} note of ${ctx.clock.show(day, false)}`,
      fact: { kind: 'note', text: `${author ?? 'A colleague'}, ${ctx.clock.show(day, true)}: ${quote(body)}`, at: n.at },
      weight: 45 - Math.min(ago, 300) / 10,
    });
  }
  return out;
}

function householdStarters(ctx: Context, customer: StarterCustomer): Starter[] {
  const out: Starter[] = [];
  const withDates = new Set((customer.dates ?? []).map((d) => d.whose?.trim().toLowerCase()).filter(Boolean));
  for (const m of customer.household ?? []) {
    const name = m.name.trim();
    if (!m.giftRecipient || !name || withDates.has(name.toLowerCase())) continue;
    const relation = m.relation?.trim();
    const note = m.notes?.trim();
    out.push({
      key: `household:${name.toLowerCase()}`,
      text: `${Ask(ctx)} whether anything is coming up for ${name}`,
      fact: { kind: 'household', text: `Buys gifts for ${name}${relation ? ` (${relation})` : ''}${note ? `: ${quote(note)}` : ''}` },
      weight: 15,
    });
  }
  return out;
}

function colourStarters(ctx: Context, preferences: StarterPreference[]): Starter[] {
  const liked = preferences.flatMap((p) => (p.key === 'colour-liked' ? [p] : []));
  if (!liked.length) return [];
  const colours = [...new Set(liked.map((l) => ctx.label('colour', l.value.colour).toLowerCase()))];
  const latest = liked.map((l) => l.recordedAt).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0];
  return [
    {
      key: 'colour:liked',
      text: `${Ask(ctx)} whether ${and(colours)} ${colours.length > 1 ? 'are still favourites' : 'is still a favourite'}`,
      fact: { kind: 'colour', text: `Colours liked: ${and(colours)}`, ...(latest ? { at: latest } : {}) },
      weight: 12,
    },
  ];
}

// ---------------------------------------------------------------------------------------------

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A canonical order for preferences, so the latest-recorded of two about the same room wins whatever the input order. */
const prefOrder = (a: StarterPreference, b: StarterPreference) =>
  byText(a.key, b.key) || byText(a.recordedAt, b.recordedAt) || byText(JSON.stringify(a.value), JSON.stringify(b.value));

/**
 * Up to four conversation starters for the associate, most useful first, each with the fact it
 * comes from; none when nothing is known. `now` is the moment of the visit and days are counted in
 * `facts.timeZone` (the store's; UTC when not given), so the machine's own zone never matters.
 * `locale` only decides how dates are written ("14 Mar 2026").
 */
export function conversationStarters(facts: StarterFacts, now: Date | string, locale = 'en-GB'): Starter[] {
  const labels = new Map<string, string>();
  for (const t of [...(facts.vocabulary ?? [])].sort((a, b) => byText(a.label, b.label)))
    if (!labels.has(`${t.kind}:${t.key}`)) labels.set(`${t.kind}:${t.key}`, t.label);
  const preferences = [...(facts.preferences ?? [])].sort(prefOrder);
  // One room per room key and own name: the latest recorded.
  const roomsByKey = new Map<string, RoomPreference>();
  for (const p of preferences) if (p.key === 'room') roomsByKey.set(`${p.value.room}:${p.value.name?.trim().toLowerCase() ?? ''}`, p);
  const rooms = [...roomsByKey.values()];
  const followUps = facts.followUps ?? [];
  const ctx: Context = {
    name: facts.customer ? addressName(facts.customer) || null : null,
    clock: clock(now, facts.timeZone ?? 'UTC', locale),
    label: (kind, key) => labels.get(`${kind}:${key}`) ?? key.replace(/-/g, ' '),
    avoided: preferences.flatMap((p) => (p.key === 'avoid' && p.value.item.trim() ? [p.value.item] : [])),
  };
  const backInStock = backInStockStarters(ctx, followUps);
  const waitingItems = followUps.flatMap((f) =>
    backInStock.some((s) => s.key === `back-in-stock:${f.id}`) && f.item ? [f.item.trim()] : [],
  );
  const all: Starter[] = [
    ...backInStock,
    ...(facts.customer ? dateStarters(ctx, facts.customer, preferences) : []),
    ...visitStarters(ctx, facts.visits ?? [], waitingItems),
    ...followUpStarters(ctx, followUps),
    ...purchaseStarters(ctx, facts.purchases ?? [], rooms),
    ...careStarters(ctx, preferences),
    ...roomStarters(ctx, rooms),
    ...noteStarters(ctx, facts.notes ?? []),
    ...(facts.customer ? householdStarters(ctx, facts.customer) : []),
    ...colourStarters(ctx, preferences),
  ];
  // The same fact twice (a repeated id) counts once: the heavier, then the first as written out.
  const byKey = new Map<string, Starter>();
  for (const s of all) {
    const seen = byKey.get(s.key);
    if (!seen || s.weight > seen.weight || (s.weight === seen.weight && byText(JSON.stringify(s), JSON.stringify(seen)) < 0))
      byKey.set(s.key, s);
  }
  const ranked = [...byKey.values()]
    .map((s) => ({ ...s, text: s.text.charAt(0).toUpperCase() + s.text.slice(1) }))
    .sort((a, b) => b.weight - a.weight || byText(a.key, b.key));
  const used = new Map<FactKind, number>();
  const out: Starter[] = [];
  for (const s of ranked) {
    const n = used.get(s.fact.kind) ?? 0;
    if (n >= PER_KIND[s.fact.kind]) continue;
    used.set(s.fact.kind, n + 1);
    out.push(s);
    if (out.length === MAX_STARTERS) break;
  }
  return out;
}
