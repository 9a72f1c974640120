import { PREFERENCE_KEYS } from '../../../shared/customers.ts';
import type { Term, Vocabulary } from '../vocabulary/vocabulary.api.ts';
import type { Preference } from './customers.api.ts';

/** How each built-in key is asked about (one) and headed on the profile (group). */
export const PREFERENCE_LABEL: Record<string, { one: string; group: string }> = {
  room: { one: 'A room', group: 'Rooms' },
  'colour-liked': { one: 'A colour they like', group: 'Colours they like' },
  'colour-disliked': { one: 'A colour they dislike', group: 'Colours they dislike' },
  style: { one: 'A style', group: 'Styles' },
  material: { one: 'A material', group: 'Materials' },
  size: { one: 'A size', group: 'Sizes' },
  occasion: { one: 'An occasion', group: 'Occasions' },
  budget: { one: 'A budget', group: 'Budgets' },
  frequency: { one: 'How often they buy something', group: 'How often' },
  avoid: { one: 'Something to avoid', group: 'To avoid' },
};

export const ROOM_SIZES = ['small', 'medium', 'large'] as const;
export const LIGHT_LEVELS = ['low', 'medium', 'bright'] as const;
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'occasionally', 'rarely'] as const;

/** A preference in the customer's own terms, with the colours it names (for swatches). */
export interface Described {
  text: string;
  colours: Term[];
}

/** Free text as a sentence starts: "lilies" → "Lilies". */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** "living-room" or "my-key" → "Living room" / "My key", for keys nobody labelled. */
export function humanise(key: string): string {
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Writes a stored preference back as people say it, using the retailer's vocabulary labels:
 * "Bedroom — Sage, Blush · low light", "Bouquets: £40–£60", "Lilies — the cat".
 */
export function describePreference(
  p: Pick<Preference, 'key' | 'value'>,
  vocab: Vocabulary,
  money: (n: number) => string,
  dayMonth: (m: number, d: number) => string,
): Described {
  const v = p.value;
  const colourTerms = (keys: string[]) =>
    keys.map(
      (k) => vocab.find('colour', k) ?? { kind: 'colour' as const, key: k, label: k, family: null, hex: null, position: 0, archived: true },
    );
  switch (p.key) {
    case 'room': {
      const colours = colourTerms(list(v.colours));
      const name = str(v.name);
      const room = `${vocab.label('room', str(v.room) ?? '')}${name ? ` (“${name}”)` : ''}`;
      const style = str(v.style);
      const details = [
        colours.map((c) => c.label).join(', '),
        style ? vocab.label('style', style) : null,
        str(v.size) ? `${v.size} room` : null,
        str(v.light) ? `${v.light} light` : null,
        list(v.furniture).join(', '),
      ].filter(Boolean);
      return { text: details.length ? `${room} — ${details.join(' · ')}` : room, colours };
    }
    case 'colour-liked':
    case 'colour-disliked': {
      const colours = colourTerms(list([v.colour]));
      return { text: colours.map((c) => c.label).join(', '), colours };
    }
    case 'style':
    case 'material':
    case 'size':
      return { text: vocab.label(p.key, str(v[p.key]) ?? ''), colours: [] };
    case 'occasion': {
      const month = num(v.month);
      const day = num(v.day);
      const when = month && day ? dayMonth(month, day) : null;
      return { text: [vocab.label('occasion', str(v.occasion) ?? ''), when].filter(Boolean).join(' · '), colours: [] };
    }
    case 'budget': {
      const min = num(v.min);
      const max = num(v.max);
      const range =
        min !== null && max !== null
          ? `${money(min)}–${money(max)}`
          : max !== null
            ? `up to ${money(max)}`
            : min !== null
              ? `from ${money(min)}`
              : 'no amount given';
      return { text: `${capital(str(v.category) ?? 'anything')}: ${range}`, colours: [] };
    }
    case 'frequency':
      return { text: `${capital(str(v.subject) ?? 'something')}: ${str(v.frequency) ?? 'now and then'}`, colours: [] };
    case 'avoid': {
      const reason = str(v.reason);
      return { text: `${capital(str(v.item) ?? 'something')}${reason ? ` — ${reason}` : ''}`, colours: [] };
    }
    default: {
      const value = v.value;
      return {
        text:
          typeof value === 'string' || typeof value === 'number'
            ? String(value)
            : value === true
              ? 'Yes'
              : value === false
                ? 'No'
                : JSON.stringify(v),
        colours: [],
      };
    }
  }
}

/** Preferences grouped by key, built-in keys in their usual order, the retailer's own after. */
export function groupPreferences(prefs: Preference[]): { key: string; heading: string; items: Preference[] }[] {
  const groups = new Map<string, Preference[]>();
  for (const p of prefs) groups.set(p.key, [...(groups.get(p.key) ?? []), p]);
  const order = (k: string) => {
    const i = (PREFERENCE_KEYS as readonly string[]).indexOf(k);
    return i === -1 ? PREFERENCE_KEYS.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([key, items]) => ({ key, heading: PREFERENCE_LABEL[key]?.group ?? humanise(key), items }));
}
