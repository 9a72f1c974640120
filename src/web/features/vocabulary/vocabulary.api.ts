import { useQuery } from '@tanstack/react-query';
import { VOCABULARY_KINDS, type VocabularyKind } from '../../../shared/customers.ts';
import { api } from '../../api.ts';

/** `GET /api/vocabulary`: one word of the retailer's selling vocabulary. */
export interface Term {
  kind: VocabularyKind;
  key: string;
  label: string;
  family: string | null;
  hex: string | null;
  position: number;
  archived: boolean;
}

export interface TermInput {
  label: string;
  family?: string | null;
  hex?: string | null;
  position?: number;
  archived?: boolean;
}

export const VOCABULARY_KEY = ['vocabulary'] as const;

/** What each kind is called, one and many, in the screens. */
export const KIND_LABEL: Record<VocabularyKind, { one: string; many: string }> = {
  colour: { one: 'colour', many: 'Colours' },
  style: { one: 'style', many: 'Styles' },
  room: { one: 'room', many: 'Rooms' },
  material: { one: 'material', many: 'Materials' },
  occasion: { one: 'occasion', many: 'Occasions' },
  size: { one: 'size', many: 'Sizes' },
};

/** Lower-case words joined by single hyphens, as the API wants keys and tags. */
export const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Dusty Rose!" → "dusty-rose": a suggested key for a label, accents dropped. */
export function toKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/** Every term, archived ones included (so old preferences still read well), in the owner's order. */
export function useVocabulary(opts: { initialData?: Term[]; initialDataUpdatedAt?: number } = {}) {
  return useQuery({
    queryKey: VOCABULARY_KEY,
    queryFn: async ({ signal }) => (await api<{ items: Term[] }>('/api/vocabulary?includeArchived=true', { signal })).items,
    staleTime: 5 * 60_000,
    ...opts,
  });
}

export const putTerm = (kind: VocabularyKind, key: string, body: TermInput) =>
  api<Term>(`/api/vocabulary/${kind}/${encodeURIComponent(key)}`, { method: 'PUT', body });

/** Terms looked up by kind and key, for turning stored keys back into words. */
export interface Vocabulary {
  /** The active terms of one kind, in the owner's order. */
  active(kind: VocabularyKind): Term[];
  /** The term for a key, archived or not; undefined if the key is unknown. */
  find(kind: VocabularyKind, key: string): Term | undefined;
  /** The label for a key, or the key itself when the term has gone. */
  label(kind: VocabularyKind, key: string): string;
}

export function vocabularyOf(terms: Term[]): Vocabulary {
  const byKey = new Map(terms.map((t) => [`${t.kind}:${t.key}`, t]));
  const byKind = new Map<VocabularyKind, Term[]>(VOCABULARY_KINDS.map((k) => [k, []]));
  for (const t of terms) if (!t.archived) byKind.get(t.kind)?.push(t);
  for (const list of byKind.values()) list.sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
  return {
    active: (kind) => byKind.get(kind) ?? [],
    find: (kind, key) => byKey.get(`${kind}:${key}`),
    label: (kind, key) => byKey.get(`${kind}:${key}`)?.label ?? key,
  };
}

/** `GET /api/vocabulary/harmony`: the chromatic colour families that go together, and the families there are. */
export interface Harmony {
  pairs: [string, string][];
  custom: boolean;
  families: { chromatic: string[]; neutral: string[] };
}

export const HARMONY_KEY = [...VOCABULARY_KEY, 'harmony'] as const;

export function useHarmony() {
  return useQuery({ queryKey: HARMONY_KEY, queryFn: ({ signal }) => api<Harmony>('/api/vocabulary/harmony', { signal }) });
}

/** Saves the pairs, over those the screen showed (`replaces`): a change made elsewhere since is refused (409). */
export const saveHarmony = (pairs: [string, string][], replaces: [string, string][]) =>
  api<Harmony>('/api/vocabulary/harmony', { method: 'PUT', body: { pairs, replaces } });
