import { describe, expect, it } from 'vitest';
import { FLORIST_QUESTIONS, HOME_DECOR_QUESTIONS } from './demo-question-sets.ts';
import { answersToPreferences, knownAnswers, preferenceWishes, productTerms, type StoredPreference, singular } from './guidance.ts';

const labels = { 'living-room': 'living room', sage: 'sage', cream: 'cream', classic: 'classic' };
const pref = (id: string, key: string, value: Record<string, unknown>): StoredPreference => ({
  id,
  key,
  value,
  recordedAt: `2026-0${id.length}-01T10:00:00.000Z`,
  recordedByName: 'Priya',
});
const okafor = [
  pref('p1', 'room', { room: 'living-room', colours: ['sage', 'cream'], style: 'classic' }),
  pref('p2', 'avoid', { item: 'lilies', reason: 'cat at home' }),
  pref('p3', 'colour-liked', { colour: 'white' }),
];

describe('stored preferences for the engine', () => {
  it('turns a room’s palette into a colour wish that names the room, and an avoid-list into rules', () => {
    const { wishes, rules } = preferenceWishes(okafor, { colours: 3, styles: 2 }, labels);
    expect(wishes).toEqual([
      { attribute: 'colours', values: ['sage', 'cream'], weight: 3, source: 'preference', context: 'your living room', polarity: 'want' },
      { attribute: 'styles', values: ['classic'], weight: 2, source: 'preference', context: 'your living room', polarity: 'want' },
    ]);
    expect(rules).toEqual([
      { kind: 'avoid-term', term: 'lily', reason: 'You avoid lilies: cat at home' },
      { kind: 'pet-safe', reason: 'cat at home' },
    ]);
  });

  it('adds pet-safety only when an avoid-list names an animal', () => {
    const { rules } = preferenceWishes([pref('p1', 'avoid', { item: 'carnations', reason: 'reminds her of funerals' })], {}, labels);
    expect(rules.map((r) => r.kind)).toEqual(['avoid-term']);
  });

  it('compares words in the singular', () => {
    expect(['lilies', 'roses', 'peonies', 'bunches', 'grass', 'ranunculus'].map(singular)).toEqual([
      'lily',
      'rose',
      'peony',
      'bunch',
      'grass',
      'ranunculus',
    ]);
    expect(productTerms('Oriental lily', 'Stargazer')).toEqual(['lily', 'oriental', 'stargazer']);
  });
});

describe('what a returning customer said before', () => {
  it('offers the room’s palette for the colour question and “yes” for pets, with what was said', () => {
    const known = knownAnswers(FLORIST_QUESTIONS, okafor, {}, labels);
    expect(known.palette).toMatchObject({
      answer: { values: ['sage', 'cream'] },
      said: 'Your living room is sage and cream',
      context: 'your living room',
      preferenceIds: ['p1'],
      recordedByName: 'Priya',
    });
    expect(known.pets).toMatchObject({ answer: { values: ['yes'] }, said: 'cat at home' });
    expect(known.budget).toBeUndefined();
    expect(known.occasion).toBeUndefined();
  });

  it('follows the room answered today, and falls back on liked colours for a room it knows nothing about', () => {
    const rooms = [...okafor, pref('p44', 'room', { room: 'bedroom', colours: ['lilac'] })];
    expect(knownAnswers(HOME_DECOR_QUESTIONS, rooms, {}, labels).colours?.answer).toEqual({ values: ['lilac'] });
    // The furniture's colours are not the room's palette: they are asked, not assumed.
    expect(knownAnswers(HOME_DECOR_QUESTIONS, rooms, {}, labels)['furniture-colours']).toBeUndefined();
    expect(knownAnswers(HOME_DECOR_QUESTIONS, rooms, { room: { values: ['living-room'] } }, labels).colours?.answer).toEqual({
      values: ['sage', 'cream'],
    });
    expect(knownAnswers(HOME_DECOR_QUESTIONS, rooms, { room: { values: ['kitchen'] } }, labels).colours).toMatchObject({
      answer: { values: ['white'] },
      said: 'They like white',
    });
  });

  it('knows nothing about someone with no preferences', () => {
    expect(knownAnswers(FLORIST_QUESTIONS, [], {}, labels)).toEqual({});
  });
});

describe('answers kept as preferences', () => {
  it('makes one room from the room, colour and style answers, and leaves out what is already held', () => {
    const answers = {
      room: { values: ['living-room'] },
      colours: { values: ['sage', 'cream'] },
      style: { values: ['classic'] },
      use: { values: ['daily'] },
      budget: { budget: { max: 120, firm: false } },
    };
    expect(answersToPreferences(HOME_DECOR_QUESTIONS, answers, [])).toEqual([
      { key: 'room', value: { room: 'living-room', colours: ['sage', 'cream'] }, questions: ['room', 'colours'] },
      { key: 'style', value: { style: 'classic' }, questions: ['style'] },
      { key: 'frequency', value: { subject: 'Dressing a room', frequency: 'daily' }, questions: ['use'] },
      { key: 'budget', value: { category: HOME_DECOR_QUESTIONS.purpose, min: null, max: 120 }, questions: ['budget'] },
    ]);
    const held = [pref('p9', 'style', { style: 'classic' })];
    expect(answersToPreferences(HOME_DECOR_QUESTIONS, answers, held).map((p) => p.key)).toEqual(['room', 'frequency', 'budget']);
  });

  it('keeps a pet at home as an avoid-list entry, which the next visit reads back as “yes”', () => {
    const saved = answersToPreferences(FLORIST_QUESTIONS, { pets: { values: ['yes'] } }, []);
    expect(saved).toEqual([{ key: 'avoid', value: { item: 'anything unsafe for pets', reason: 'a pet at home' }, questions: ['pets'] }]);
    const back = knownAnswers(FLORIST_QUESTIONS, [pref('p1', 'avoid', saved[0]?.value as Record<string, unknown>)], {}, labels);
    expect(back.pets?.answer).toEqual({ values: ['yes'] });
  });
});
