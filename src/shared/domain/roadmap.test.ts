import { describe, expect, it } from 'vitest';
import { cannotMark, checkRoadmap, DEFAULT_ROADMAP, progress, type VisitFacts } from './roadmap.ts';

const facts = (over: Partial<VisitFacts> = {}): VisitFacts => ({
  marked: {},
  questionsAnswered: 0,
  recommended: false,
  basketLines: 0,
  closed: false,
  ...over,
});
const at = '2026-12-31T10:00:00.000Z';

describe('the roadmap', () => {
  it('the default one has no mistakes', () => {
    expect(checkRoadmap(DEFAULT_ROADMAP)).toEqual([]);
  });

  it('names each mistake by its path', () => {
    const problems = checkRoadmap({
      name: ' ',
      steps: [
        { key: 'greet', name: 'Greet', guidance: '', skippable: false, doneWhen: { kind: 'marked' } },
        { key: 'greet', name: 'Again', guidance: '', skippable: false, doneWhen: { kind: 'questions-answered', atLeast: 0 } },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual(['name', 'steps.1.key', 'steps.1.doneWhen.atLeast', 'steps']);
  });

  it('marks steps done by the associate or by what happened, and points at the first left to do', () => {
    const p = progress(DEFAULT_ROADMAP, facts({ marked: { greet: { status: 'done', at } }, questionsAnswered: 3 }));
    expect(p.map((s) => [s.key, s.state])).toEqual([
      ['greet', 'done'],
      ['acknowledge', 'current'],
      ['converse', 'to-do'],
      ['discover', 'done'],
      ['recommend', 'to-do'],
      ['give-space', 'to-do'],
      ['close', 'to-do'],
      ['thank', 'to-do'],
      ['follow-up', 'to-do'],
    ]);
    expect(p[0]?.at).toBe(at);
    expect(p[3]?.at).toBeNull();
    expect(progress(DEFAULT_ROADMAP, facts({ closed: true, recommended: true })).find((s) => s.key === 'close')?.state).toBe('done');
  });

  it('refuses a step before an earlier one that may not be skipped, and skipping one that may not be', () => {
    expect(cannotMark(DEFAULT_ROADMAP, facts(), 'thank', 'done')).toBe('"Greet" comes before "Thank".');
    expect(cannotMark(DEFAULT_ROADMAP, facts({ marked: { greet: { status: 'done', at } } }), 'thank', 'done')).toBe(
      '"Close" comes before "Thank".',
    );
    expect(cannotMark(DEFAULT_ROADMAP, facts({ marked: { greet: { status: 'done', at } } }), 'give-space', 'done')).toBeNull();
    expect(cannotMark(DEFAULT_ROADMAP, facts(), 'close', 'skipped')).toBe('"Close" cannot be skipped.');
    expect(cannotMark(DEFAULT_ROADMAP, facts(), 'dance', 'done')).toBe('This visit\'s roadmap has no step "dance".');
  });
});
