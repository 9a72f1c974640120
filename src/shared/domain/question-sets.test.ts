import { describe, expect, it } from 'vitest';
import type { VocabularyKind } from '../customers.ts';
import { FLORIST_QUESTIONS, HOME_DECOR_QUESTIONS } from './demo-question-sets.ts';
import { demoVocabulary } from './demo-vocabulary.ts';
import { type Answer, checkQuestionSet, type QuestionSetDefinition, questionsToAsk, readAnswers } from './question-sets.ts';

const vocabularyOf = (kind: 'florist' | 'home-decor') => {
  const out: Partial<Record<VocabularyKind, Set<string>>> = {};
  for (const t of demoVocabulary(kind)) {
    const keys = out[t.kind] ?? new Set<string>();
    keys.add(t.key);
    out[t.kind] = keys;
  }
  return out;
};

const tiny = (questions: QuestionSetDefinition['questions']): QuestionSetDefinition => ({ name: 'Test', purpose: 'tests', questions });

describe('checking a question set', () => {
  it('accepts both demo sets against their vocabularies', () => {
    expect(checkQuestionSet(FLORIST_QUESTIONS, vocabularyOf('florist'))).toEqual([]);
    expect(checkQuestionSet(HOME_DECOR_QUESTIONS, vocabularyOf('home-decor'))).toEqual([]);
  });

  it('refuses branching that goes round in a circle, naming where', () => {
    const set = tiny([
      { key: 'a', prompt: 'A?', help: '', type: 'single', choices: [{ value: 'x', label: 'X' }], askIf: { question: 'b', anyOf: ['x'] } },
      { key: 'b', prompt: 'B?', help: '', type: 'single', choices: [{ value: 'x', label: 'X' }], askIf: { question: 'a', anyOf: ['x'] } },
    ]);
    const problems = checkQuestionSet(set);
    expect(problems.map((p) => p.path)).toEqual(['questions[0].askIf.question', 'questions[0].askIf', 'questions[1].askIf']);
    expect(problems[0]?.message).toContain('never be asked');
    expect(problems[1]?.message).toContain('circle');
  });

  it('refuses branching that can never lead anywhere and meanings no product can have', () => {
    const choice = { key: 'use', prompt: 'Use?', help: '', type: 'single' as const, choices: [{ value: 'daily', label: 'Daily' }] };
    const set = tiny([
      { key: 'n', prompt: 'How many?', help: '', type: 'quantity' },
      choice,
      { key: 'a', prompt: 'A', help: '', type: 'text', askIf: { question: 'n', anyOf: ['2'] } },
      { key: 'b', prompt: 'B', help: '', type: 'text', askIf: { question: 'use', anyOf: [] } },
      { key: 'c', prompt: 'C', help: '', type: 'text', askIf: { question: 'use', anyOf: ['weekly'] } },
      { key: 'r', prompt: 'R', help: '', type: 'vocabulary', vocabulary: 'room' },
      { key: 'd', prompt: 'D', help: '', type: 'text', askIf: { question: 'r', anyOf: ['ballroom'] } },
      {
        key: 'e',
        prompt: 'E',
        help: '',
        type: 'single',
        choices: [{ value: 'x', label: 'X', means: { lifespan: ['frozen'], colourFamilies: ['ultraviolet'], scent: ['light'] } }],
      },
    ]);
    const problems = checkQuestionSet(set, vocabularyOf('florist'), new Set(['green', 'grey']));
    expect(problems).toEqual([
      { path: 'questions[7].choices[0].means.lifespan', message: '"frozen" is not one of fresh, silk, dried, potted, durable' },
      { path: 'questions[7].choices[0].means.colourFamilies', message: '"ultraviolet" is not a colour family' },
      { path: 'questions[2].askIf.question', message: '"n" is not answered by choosing, so it cannot decide this' },
      { path: 'questions[3].askIf.anyOf', message: 'choose the answers that lead to this question' },
      { path: 'questions[4].askIf.anyOf', message: '"weekly" is not an answer to "use"' },
      { path: 'questions[6].askIf.anyOf', message: '"ballroom" is not an answer to "r"' },
    ]);
  });

  it('names each other mistake by its path', () => {
    const set = tiny([
      { key: 'Bad Key', prompt: '', help: '', type: 'single' },
      { key: 'pick', prompt: 'Pick', help: '', type: 'vocabulary', maps: [{ attribute: 'colours', weight: Number.NaN }] },
      { key: 'self', prompt: 'S', help: '', type: 'number', askIf: { question: 'self', anyOf: ['1'] } },
      { key: 'ghost', prompt: 'G', help: '', type: 'number', askIf: { question: 'nowhere', anyOf: ['1'] } },
      {
        key: 'lilies',
        prompt: 'L',
        help: '',
        type: 'single',
        choices: [
          { value: 'a', label: 'A', means: { colours: ['not-a-colour'] } },
          { value: 'a', label: 'A again' },
        ],
      },
      { key: 'budget', prompt: 'B', help: '', type: 'budget' },
      { key: 'budget-2', prompt: 'B2', help: '', type: 'budget' },
    ]);
    const paths = checkQuestionSet(set, vocabularyOf('florist')).map((p) => p.path);
    expect(paths).toEqual([
      'questions[0].key',
      'questions[0].prompt',
      'questions[0].choices',
      'questions[1].vocabulary',
      'questions[1].maps[0].weight',
      'questions[4].choices[0].means.colours',
      'questions[4].choices[1].value',
      'questions[2].askIf.question',
      'questions[3].askIf.question',
      'questions[2].askIf',
      'questions',
    ]);
  });
});

describe('asking and reading the answers', () => {
  it('asks “where will they stand?” only for flowers kept at home', () => {
    const keys = (answers: Record<string, Answer>) => questionsToAsk(FLORIST_QUESTIONS, answers).map((q) => q.key);
    expect(keys({ recipient: { values: ['colleague'] } })).not.toContain('place');
    expect(keys({ recipient: { values: ['self'] } })).toContain('place');
    // An answer to a question no longer asked does not count.
    const read = readAnswers(FLORIST_QUESTIONS, { recipient: { values: ['colleague'] }, place: { values: ['dining-room'] } });
    expect(read.wishes.map((w) => w.attribute)).toEqual([]);
  });

  it('turns the florist’s answers into wishes, a pet-safe rule, a quantity and a budget', () => {
    const read = readAnswers(FLORIST_QUESTIONS, {
      occasion: { values: ['new-year'] },
      palette: { values: ['white', 'sage'] },
      lifespan: { values: ['fresh'] },
      pets: { values: ['yes'] },
      quantity: { quantity: 12 },
      budget: { budget: { max: 30, firm: true } },
    });
    expect(read.problems).toEqual([]);
    expect(read.wishes).toEqual([
      { attribute: 'occasions', values: ['new-year'], weight: 3, source: 'answer', context: null, polarity: 'want' },
      {
        attribute: 'colours',
        values: ['white', 'sage'],
        weight: 3,
        source: 'answer',
        context: 'the colours you described',
        polarity: 'want',
      },
      { attribute: 'lifespan', values: ['fresh', 'potted'], weight: 2, source: 'answer', context: null, polarity: 'want' },
    ]);
    expect(read.rules).toEqual([{ kind: 'pet-safe', reason: 'a pet at home' }]);
    expect(read.quantity).toBe(12);
    expect(read.budget).toEqual({ max: 30, firm: true });
  });

  it('refuses answers to questions that do not exist, a budget of 0 or below, 10,000 units and unknown choices', () => {
    const read = readAnswers(FLORIST_QUESTIONS, {
      favourite: { text: 'peonies' },
      budget: { budget: { max: 0, firm: false } },
      quantity: { quantity: 10_000 },
      lifespan: { values: ['plastic'] },
      scent: { values: ['none', 'strong'] },
    });
    expect(read.problems.map((p) => p.path)).toEqual([
      'answers.favourite',
      'answers.budget',
      'answers.quantity',
      'answers.lifespan',
      'answers.scent',
    ]);
    expect(readAnswers(FLORIST_QUESTIONS, { budget: { budget: { max: -5, firm: true } } }).problems[0]?.message).toContain('above 0');
    expect(read.quantity).toBe(1);
    expect(read.budget).toBeNull();
  });
});
