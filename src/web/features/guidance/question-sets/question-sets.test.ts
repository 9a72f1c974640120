import { describe, expect, it } from 'vitest';
import type { VocabularyKind } from '../../../../shared/customers.ts';
import { FLORIST_QUESTIONS, HOME_DECOR_QUESTIONS } from '../../../../shared/domain/demo-question-sets.ts';
import { demoVocabulary } from '../../../../shared/domain/demo-vocabulary.ts';
import {
  changeType,
  type Draft,
  type DraftQuestion,
  definitionOf,
  draftOf,
  fingerprint,
  moveQuestion,
  removeChoice,
  removeQuestion,
  suggestKey,
  updateQuestion,
} from './draft.ts';
import { describePlace, findProblems, type Known, normalisePath, placeOf } from './problems.ts';

function knownFor(kind: 'florist' | 'home-decor', categories: string[]): Known {
  const vocabulary: Partial<Record<VocabularyKind, Set<string>>> = {};
  const families = new Set<string>();
  for (const t of demoVocabulary(kind)) {
    const set = vocabulary[t.kind] ?? new Set<string>();
    set.add(t.key);
    vocabulary[t.kind] = set;
    if (t.family) families.add(t.family);
  }
  return { vocabulary, families, categories: new Set(categories) };
}

const florist = knownFor('florist', ['Fresh flowers', 'Fresh flowers/Bouquets', 'Silk flowers', 'Dried flowers', 'Plants']);
const question = (d: Draft, key: string) => d.questions.find((q) => q.key === key) as DraftQuestion;
const paths = (d: Draft) => findProblems(definitionOf(d), florist).map((p) => p.path);

describe('the editor’s draft of a question set', () => {
  it('gives back exactly the definition it was made from', () => {
    expect(definitionOf(draftOf(FLORIST_QUESTIONS, true))).toEqual(FLORIST_QUESTIONS);
    expect(definitionOf(draftOf(HOME_DECOR_QUESTIONS, false))).toEqual(HOME_DECOR_QUESTIONS);
    expect(findProblems(FLORIST_QUESTIONS, florist)).toEqual([]);
  });

  it('keeps branching on the renamed question and choice', () => {
    let d = draftOf(FLORIST_QUESTIONS, true);
    const recipient = question(d, 'recipient');
    const self = recipient.choices.find((c) => c.value === 'self');
    d = updateQuestion(d, recipient.uid, (q) => ({
      ...q,
      key: 'who',
      choices: q.choices.map((c) => (c.uid === self?.uid ? { ...c, value: 'me' } : c)),
    }));
    expect(definitionOf(d).questions.find((q) => q.key === 'place')?.askIf).toEqual({
      question: 'who',
      anyOf: ['me', 'family', 'partner'],
    });
    expect(paths(d)).toEqual([]);
  });

  it('names a question moved above the one it depends on, and branching in a circle', () => {
    const d = draftOf(FLORIST_QUESTIONS, true);
    const place = question(d, 'place');
    const moved = moveQuestion(d, place.uid, -1);
    expect(
      definitionOf(moved)
        .questions.map((q) => q.key)
        .slice(0, 3),
    ).toEqual(['occasion', 'place', 'recipient']);
    expect(paths(moved)).toEqual(['questions[1].askIf.question']);

    const circle = updateQuestion(d, question(d, 'recipient').uid, (q) => ({
      ...q,
      askIf: { question: place.uid, anyOf: ['living-room'] },
    }));
    const problems = findProblems(definitionOf(circle), florist);
    expect(problems.map((p) => p.path)).toEqual(['questions[1].askIf.question', 'questions[1].askIf', 'questions[2].askIf']);
    expect(problems[1]?.message).toBe('branching goes round in a circle through "recipient"');
    expect(placeOf('questions[1].askIf', definitionOf(circle))).toBe('questions[1].askIf.question');
  });

  it('drops branching on what is removed, and on answers that can no longer be given', () => {
    const d = draftOf(FLORIST_QUESTIONS, true);
    const recipient = question(d, 'recipient');
    expect(question(removeQuestion(d, recipient.uid), 'place').askIf).toBeNull();
    const self = recipient.choices[0];
    expect(definitionOf(removeChoice(d, recipient.uid, self?.uid ?? '')).questions.find((q) => q.key === 'place')?.askIf?.anyOf).toEqual([
      'family',
      'partner',
    ]);
    const typed = changeType(d, recipient.uid, 'text');
    expect(question(typed, 'place').askIf?.anyOf).toEqual([]);
    expect(paths(typed)).toEqual(['questions[2].askIf.question']);
    // Back to a choice question: the choices were kept.
    expect(question(changeType(typed, recipient.uid, 'single'), 'recipient').choices).toHaveLength(5);
  });

  it('notices every change that a save would send, and none that it would not', () => {
    const d = draftOf(FLORIST_QUESTIONS, true);
    expect(fingerprint(draftOf(FLORIST_QUESTIONS, true))).toBe(fingerprint(d));
    expect(fingerprint({ ...d, active: false })).not.toBe(fingerprint(d));
    expect(fingerprint({ ...d, name: `${d.name} ` })).toBe(fingerprint(d));
    expect(fingerprint(updateQuestion(d, d.questions[0]?.uid ?? '', (q) => ({ ...q, fresh: true })))).toBe(fingerprint(d));
  });

  it('suggests keys from words, unique in the set', () => {
    expect(suggestKey('Who are they for?', [])).toBe('who-are-they-for');
    expect(suggestKey('Who are they for?', ['who-are-they-for'])).toBe('who-are-they-for-2');
    expect(suggestKey('2 stems?', [])).toBe('q-2-stems');
    expect(suggestKey('?!', [])).toBe('');
  });
});

describe('mistakes in a question set', () => {
  it('checks what the API limits and the shared checker leaves alone', () => {
    let d = draftOf(FLORIST_QUESTIONS, true);
    d = { ...d, categories: [...d.categories, 'Balloons'] };
    d = updateQuestion(d, question(d, 'lifespan').uid, (q) => ({
      ...q,
      maps: q.maps.map((m) => ({ ...m, weight: '' as const })),
      choices: q.choices.map((c, j) => (j === 0 ? { ...c, label: ' ', means: { lifespan: ['fresh', 'frozen'] } } : c)),
    }));
    d = updateQuestion(d, question(d, 'place').uid, (q) => ({ ...q, askIf: q.askIf && { ...q.askIf, anyOf: [] } }));
    expect(findProblems(definitionOf(d), florist)).toEqual([
      { path: 'questions[5].choices[0].means.lifespan', message: '"frozen" is not one of fresh, silk, dried, potted, durable' },
      { path: 'questions[5].maps[0].weight', message: 'must be a number above 0 and at most 100' },
      { path: 'questions[2].askIf.anyOf', message: 'choose the answers that lead to this question' },
      { path: 'categories[4]', message: 'there is no category "Balloons"' },
      { path: 'questions[5].choices[0].label', message: 'is empty' },
    ]);
  });

  it('places each mistake at the field that shows it, whichever way the server writes the path', () => {
    const def = FLORIST_QUESTIONS;
    expect(normalisePath('questions.3.maps.0.weight')).toBe('questions[3].maps[0].weight');
    expect(placeOf('questions.3.maps.0.weight', def)).toBe('questions[3].maps[0].weight');
    expect(placeOf('questions[5].choices[1].means.lifespan.0', def)).toBe('questions[5].choices[1].means.lifespan');
    expect(placeOf('questions[5].choices[1]', def)).toBe('questions[5].choices[1].label');
    expect(placeOf('questions[0].choices', def)).toBe('questions[0]');
    expect(placeOf('questions[2].askIf.anyOf.1', def)).toBe('questions[2].askIf.anyOf');
    expect(placeOf('questions[0].vocabulary', def)).toBe('questions[0].vocabulary');
    expect(placeOf('questions[1].vocabulary', def)).toBe('questions[1]');
    expect(placeOf('categories[2]', def)).toBe('categories');
    expect(placeOf('questions[99].key', def)).toBe('questions');
    expect(placeOf('if-match', def)).toBe('form');
    expect(describePlace('questions[5].maps[0].weight')).toBe('Question 6, mapping 1, weight');
    expect(describePlace('questions[5].choices[1].means.lifespan')).toBe('Question 6, choice 2, means (how long it lasts)');
    expect(describePlace('questions[1].askIf.question')).toBe('Question 2, when to ask it');
  });
});
