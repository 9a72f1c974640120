/**
 * Between the customer's profile and a guidance session: what stored preferences mean for the
 * engine (wishes and rules, with where they came from), which answers a returning customer has
 * already given ("last time you said …"), and which preferences today's answers become when the
 * customer agrees to their being kept. Pure: the server and the screens share it.
 */
import type { PreferenceValues } from '../customers.ts';
import type { Answer, Question, QuestionSetDefinition } from './question-sets.ts';
import { questionsToAsk } from './question-sets.ts';
import type { HardRule, MatchAttribute, Wish } from './recommend.ts';
import { foldText } from './search-terms.ts';

/** A stored preference as the server reads it. */
export interface StoredPreference {
  id: string;
  key: string;
  value: Record<string, unknown>;
  recordedAt: string;
  recordedByName: string | null;
}

/** An answer the customer gave before, offered to confirm rather than ask again. */
export interface KnownAnswer {
  answer: Answer;
  /** What they said, in words: "your living room: sage and cream". */
  said: string;
  /** Words for reasons when the answer is confirmed: "your living room". */
  context: string | null;
  preferenceIds: string[];
  recordedAt: string;
  recordedByName: string | null;
}

/** Words that say a dislike is about an animal at home: such an avoid-preference means pet-safe only. */
const PET_WORDS = /\b(cats?|dogs?|pets?|kittens?|pupp(y|ies)|rabbits?)\b/;

/** "lilies" → "lily", "roses" → "rose": the word an avoid list and a product's words are compared by. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** A product's words for avoid rules: folded, each also in its singular. */
export function productTerms(...texts: (string | null | undefined)[]): string[] {
  const words = foldText(texts.filter(Boolean).join(' '))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  return [...new Set(words.flatMap((w) => [w, singular(w)]))].sort();
}

const value = <K extends keyof PreferenceValues>(p: StoredPreference, _key: K) => p.value as unknown as PreferenceValues[K];
const label = (labels: Record<string, string>, key: string) => labels[key] ?? key.replace(/-/g, ' ');
const words = (values: string[], labels: Record<string, string>) => {
  const w = values.map((v) => label(labels, v));
  return w.length <= 1 ? (w[0] ?? '') : `${w.slice(0, -1).join(', ')} and ${w.at(-1)}`;
};
const roomName = (r: PreferenceValues['room'], labels: Record<string, string>) => `your ${(r.name ?? label(labels, r.room)).toLowerCase()}`;

/** Whether a stored avoid-preference is about a pet at home ("lilies: cat at home"). */
export const isPetAvoid = (p: StoredPreference) =>
  p.key === 'avoid' && PET_WORDS.test(foldText(`${value(p, 'avoid').item} ${value(p, 'avoid').reason ?? ''}`));

/**
 * What stored preferences ask of the engine: liked colours, styles and materials and each room's
 * palette as wishes (the weights are the question set's for the same attribute); disliked colours
 * as avoid-wishes; avoid lists as rules never broken — and pet-safe only when one names a pet.
 */
export function preferenceWishes(
  preferences: StoredPreference[],
  weights: Partial<Record<MatchAttribute, number>>,
  labels: Record<string, string>,
): { wishes: Wish[]; rules: HardRule[] } {
  const wishes: Wish[] = [];
  const rules: HardRule[] = [];
  const weight = (a: MatchAttribute) => weights[a] ?? 1;
  const liked = (attribute: MatchAttribute, values: string[], context: string | null, polarity: 'want' | 'avoid' = 'want') => {
    if (values.length) wishes.push({ attribute, values, weight: weight(attribute), source: 'preference', context, polarity });
  };
  const of = (key: string, field: string) =>
    preferences
      .filter((p) => p.key === key)
      .map((p) => String(p.value[field] ?? ''))
      .filter(Boolean);
  // The most recent room with a palette speaks for the customer's colours; liked colours otherwise.
  const room = [...preferences].reverse().find((p) => p.key === 'room' && (value(p, 'room').colours?.length ?? 0) > 0);
  if (room) liked('colours', value(room, 'room').colours ?? [], roomName(value(room, 'room'), labels));
  else liked('colours', of('colour-liked', 'colour'), 'the colours you like');
  liked('colours', of('colour-disliked', 'colour'), null, 'avoid');
  const styles = of('style', 'style');
  const roomStyle = room ? value(room, 'room').style : null;
  liked(
    'styles',
    styles.length ? styles : roomStyle ? [roomStyle] : [],
    styles.length ? 'your style' : room ? roomName(value(room, 'room'), labels) : null,
  );
  liked('materials', of('material', 'material'), 'the materials you like');
  for (const p of preferences.filter((x) => x.key === 'avoid')) {
    const a = value(p, 'avoid');
    const reason = a.reason ? `${a.item}: ${a.reason}` : `${a.item}, which you avoid`;
    const term = singular(
      foldText(a.item)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .at(-1) ?? '',
    );
    if (term) rules.push({ kind: 'avoid-term', term, reason: `You avoid ${reason.replace(/^./, (c) => c.toLowerCase())}` });
    if (isPetAvoid(p)) rules.push({ kind: 'pet-safe', reason: a.reason ?? a.item });
  }
  return { wishes, rules };
}

/**
 * The answers a returning customer has given before, by question: a colour question takes the
 * palette of their room (the one answered today, else the latest), or the colours they like; a
 * room, style or material question their stored ones; a pets question "yes" when an avoid-list
 * names a pet; a frequency question their stored frequency. Budgets and occasions are today's.
 */
export function knownAnswers(
  set: QuestionSetDefinition,
  preferences: StoredPreference[],
  answers: Record<string, Answer>,
  labels: Record<string, string>,
): Record<string, KnownAnswer> {
  const out: Record<string, KnownAnswer> = {};
  const newest = [...preferences].reverse();
  const from = (q: Question, found: StoredPreference[], answer: Answer, said: string, context: string | null) => {
    const latest = found[0];
    if (!latest) return;
    out[q.key] = {
      answer,
      said,
      context,
      preferenceIds: found.map((p) => p.id),
      recordedAt: latest.recordedAt,
      recordedByName: latest.recordedByName,
    };
  };
  const roomAnswered = set.questions.find((q) => q.vocabulary === 'room' && answers[q.key] && 'values' in (answers[q.key] as Answer));
  const todayRoom = roomAnswered ? ((answers[roomAnswered.key] as { values: string[] }).values[0] ?? null) : null;
  const rooms = newest.filter((p) => p.key === 'room');
  const room = rooms.find((p) => value(p, 'room').room === todayRoom) ?? (todayRoom ? undefined : rooms[0]);
  // A question about what an item is to go with (the furniture's colours) is not about the customer's palette.
  const aboutTheirs = (q: Question) => !q.maps?.length || q.maps.some((m) => m.polarity !== 'complement');
  for (const q of set.questions) {
    if (q.type === 'vocabulary' && q.vocabulary === 'colour') {
      if (!aboutTheirs(q)) continue;
      const palette = room ? (value(room, 'room').colours ?? []) : [];
      if (room && palette.length) {
        const r = value(room, 'room');
        from(
          q,
          [room],
          { values: palette },
          `${roomName(r, labels).replace(/^your/, 'Your')} is ${words(palette, labels)}`,
          roomName(r, labels),
        );
      } else {
        const liked = newest.filter((p) => p.key === 'colour-liked');
        const colours = [...new Set(liked.map((p) => value(p, 'colour-liked').colour))];
        if (colours.length) from(q, liked, { values: colours }, `They like ${words(colours, labels)}`, 'the colours you like');
      }
    } else if (q.type === 'vocabulary' && q.vocabulary === 'room' && rooms[0] && !todayRoom) {
      const r = value(rooms[0], 'room');
      from(q, [rooms[0]], { values: [r.room] }, `${label(labels, r.room)}${r.name ? ` (“${r.name}”)` : ''}`, roomName(r, labels));
    } else if (q.type === 'vocabulary' && (q.vocabulary === 'style' || q.vocabulary === 'material')) {
      const key = q.vocabulary;
      const found = newest.filter((p) => p.key === key);
      const values = [...new Set(found.map((p) => String(p.value[key])))];
      if (values.length) from(q, found, { values }, `${key === 'style' ? 'Their style' : 'They like'}: ${words(values, labels)}`, null);
      else if (key === 'style' && room && value(room, 'room').style) {
        const r = value(room, 'room');
        from(
          q,
          [room],
          { values: [r.style as string] },
          `${roomName(r, labels).replace(/^your/, 'Your')} is ${label(labels, r.style as string)}`,
          roomName(r, labels),
        );
      }
    } else if (q.type === 'single' && q.choices?.some((c) => c.rule === 'pet-safe')) {
      const pets = newest.filter(isPetAvoid);
      const yes = q.choices.find((c) => c.rule === 'pet-safe');
      const first = pets[0];
      const said = first ? (value(first, 'avoid').reason ?? value(first, 'avoid').item) : '';
      if (first && yes) from(q, pets, { values: [yes.value] }, said, said);
    } else if (q.type === 'single' && q.fills === 'frequency') {
      const found = newest.filter((p) => p.key === 'frequency' && q.choices?.some((c) => c.value === value(p, 'frequency').frequency));
      const first = found[0];
      if (first) {
        const choice = q.choices?.find((c) => c.value === value(first, 'frequency').frequency);
        if (choice) from(q, [first], { values: [choice.value] }, choice.label, null);
      }
    }
  }
  return out;
}

/** A preference to add to the customer's profile, as the customer book takes it. */
export interface NewPreference {
  key: string;
  value: Record<string, unknown>;
  /** The questions it comes from. */
  questions: string[];
}

const sameValue = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The preferences today's answers fill (each question's `fills`), leaving out what the profile
 * already holds: room, palette and style answers make one room; liked colours, styles, materials
 * and occasions one preference each; a budget one range for the set's purpose; a pets answer an
 * avoid-list entry; a frequency its frequency.
 */
export function answersToPreferences(
  set: QuestionSetDefinition,
  answers: Record<string, Answer>,
  existing: StoredPreference[],
): NewPreference[] {
  const out: NewPreference[] = [];
  const asked = questionsToAsk(set, answers).filter((q) => q.fills && answers[q.key]);
  const chosen = (q: Question) => {
    const a = answers[q.key] as Answer;
    return 'values' in a ? a.values : [];
  };
  const room: Record<string, unknown> = {};
  const roomQuestions: string[] = [];
  for (const q of asked) {
    const values = chosen(q);
    if (q.fills === 'room') {
      if (q.vocabulary === 'room' && values[0]) room.room = values[0];
      else if (q.vocabulary === 'colour' && values.length) room.colours = values;
      else if (q.vocabulary === 'style' && values[0]) room.style = values[0];
      else continue;
      roomQuestions.push(q.key);
    } else if (q.fills === 'colour-liked') for (const v of values) out.push({ key: q.fills, value: { colour: v }, questions: [q.key] });
    else if (q.fills === 'colour-disliked') for (const v of values) out.push({ key: q.fills, value: { colour: v }, questions: [q.key] });
    else if (q.fills === 'style' || q.fills === 'material' || q.fills === 'size' || q.fills === 'occasion')
      for (const v of values) out.push({ key: q.fills, value: { [q.fills]: v }, questions: [q.key] });
    else if (q.fills === 'budget') {
      const a = answers[q.key] as Answer;
      if ('budget' in a) out.push({ key: 'budget', value: { category: set.purpose, min: null, max: a.budget.max }, questions: [q.key] });
    } else if (q.fills === 'frequency' && values[0] && ['daily', 'weekly', 'monthly', 'occasionally', 'rarely'].includes(values[0]))
      out.push({ key: 'frequency', value: { subject: set.name, frequency: values[0] }, questions: [q.key] });
    else if (q.fills === 'avoid' && values.some((v) => q.choices?.find((c) => c.value === v)?.rule === 'pet-safe'))
      out.push({ key: 'avoid', value: { item: 'anything unsafe for pets', reason: q.context ?? 'a pet at home' }, questions: [q.key] });
  }
  // A room needs its name: a palette alone without a room answer is kept as liked colours.
  if (room.room) out.unshift({ key: 'room', value: room, questions: roomQuestions });
  else if (Array.isArray(room.colours))
    for (const c of room.colours as string[]) out.push({ key: 'colour-liked', value: { colour: c }, questions: roomQuestions });
  return out.filter((p) => !existing.some((e) => e.key === p.key && sameValue(e.value, p.value)));
}
