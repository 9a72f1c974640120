import { describe, expect, it } from 'vitest';
import { DEFAULT_ROADMAP, type RoadmapDefinition } from '../../../../shared/domain/roadmap.ts';
import {
  blankStep,
  type Draft,
  type DraftStep,
  definitionOf,
  differences,
  draftOf,
  fingerprint,
  keyFor,
  keysOf,
  moveStep,
  removeStep,
  updateStep,
} from './draft.ts';
import { describePlace, findProblems, placeOf } from './problems.ts';

const step = (d: Draft, key: string) => d.steps.find((s) => s.key === key) as DraftStep;
const withNew = (d: Draft, name: string): Draft => ({ ...d, steps: [...d.steps, { ...blankStep(), name }] });

describe('the editor’s draft of a roadmap', () => {
  it('gives back exactly the definition it was made from', () => {
    expect(definitionOf(draftOf(DEFAULT_ROADMAP))).toEqual(DEFAULT_ROADMAP);
    expect(findProblems(DEFAULT_ROADMAP)).toEqual([]);
  });

  it('keeps the key of a saved step when it is renamed, and moves steps up and down', () => {
    let d = draftOf(DEFAULT_ROADMAP);
    const space = step(d, 'give-space');
    d = updateStep(d, space.uid, (s) => ({ ...s, name: 'A moment to think', skippable: false }));
    d = moveStep(d, space.uid, -1);
    const def = definitionOf(d);
    expect(def.steps[4]).toMatchObject({ key: 'give-space', name: 'A moment to think', skippable: false });
    expect(def.steps[5]?.key).toBe('recommend');
    // Nothing moves past either end.
    expect(moveStep(d, d.steps[0]?.uid ?? '', -1)).toBe(d);
    expect(moveStep(d, d.steps[8]?.uid ?? '', 1)).toBe(d);
  });

  it('gives a new step a key from its name, unlike every other step’s', () => {
    let d = withNew(draftOf(DEFAULT_ROADMAP), 'Offer a coffee!');
    expect(keysOf(d)[9]).toBe('offer-a-coffee');
    d = withNew(d, 'Greet');
    d = withNew(d, 'Greet');
    d = withNew(d, '');
    d = withNew(d, '2nd look');
    d = withNew(d, 'Café crème');
    expect(keysOf(d).slice(9)).toEqual(['offer-a-coffee', 'greet-2', 'greet-3', 'step', 'step-2nd-look', 'cafe-creme']);
    // The blank name is a mistake of its own; no key is.
    expect(findProblems(definitionOf(d)).map((p) => p.path)).toEqual(['steps.12.name']);
  });

  it('makes keys the server accepts from any name', () => {
    const taken = new Set<string>();
    for (const name of ['x'.repeat(80), 'Привет', '---', '  Done!  ', `${'a-'.repeat(30)}end`]) {
      const key = keyFor(name, taken);
      expect(key).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
      expect(taken.has(key)).toBe(false);
      taken.add(key);
    }
  });

  it('keeps the count of questions while another kind of "done when" is chosen', () => {
    let d = draftOf(DEFAULT_ROADMAP);
    const discover = step(d, 'discover');
    d = updateStep(d, discover.uid, (s) => ({ ...s, kind: 'marked' }));
    expect(definitionOf(d).steps[3]?.doneWhen).toEqual({ kind: 'marked' });
    d = updateStep(d, discover.uid, (s) => ({ ...s, kind: 'questions-answered' }));
    expect(definitionOf(d).steps[3]?.doneWhen).toEqual({ kind: 'questions-answered', atLeast: 3 });
    expect(fingerprint(definitionOf(d))).toBe(fingerprint(DEFAULT_ROADMAP));
  });
});

describe('mistakes in a roadmap', () => {
  it('names a blank count, an empty name and a roadmap that cannot end, at their fields', () => {
    let d = draftOf(DEFAULT_ROADMAP);
    d = updateStep(d, step(d, 'discover').uid, (s) => ({ ...s, atLeast: '' }));
    d = updateStep(d, step(d, 'thank').uid, (s) => ({ ...s, name: '  ' }));
    d = removeStep(d, step(d, 'close').uid);
    const def = definitionOf(d);
    const placed = findProblems(def).map((p) => [describePlace(placeOf(p.path, def, new Set())), p.message]);
    expect(placed).toEqual([
      ['Step 4, questions answered', 'a whole number of questions, at least 1'],
      ['Step 7, name', 'give the step a name'],
      ['Steps', 'one step must be done when the visit is closed, so a visit can end'],
    ]);
  });

  it('checks the API’s limits before sending', () => {
    const long: RoadmapDefinition = {
      name: 'n'.repeat(121),
      steps: [{ key: 'close', name: 'c'.repeat(81), guidance: 'g'.repeat(1001), skippable: false, doneWhen: { kind: 'closed' } }],
    };
    expect(findProblems(long).map((p) => p.path)).toEqual(['name', 'steps.0.name', 'steps.0.guidance']);
    const many = {
      ...DEFAULT_ROADMAP,
      steps: [...DEFAULT_ROADMAP.steps.map((s) => ({ ...s, doneWhen: { kind: 'questions-answered' as const, atLeast: 101 } }))],
    };
    expect(findProblems(many).filter((p) => p.path.endsWith('atLeast'))).toHaveLength(9);
  });

  it('places the server’s field errors', () => {
    const newSteps = new Set([8]);
    expect(placeOf('steps.3.doneWhen.atLeast', DEFAULT_ROADMAP, newSteps)).toBe('steps.3.doneWhen.atLeast');
    // The count is not on screen unless questions mark the step done.
    expect(placeOf('steps.0.doneWhen.atLeast', DEFAULT_ROADMAP, newSteps)).toBe('steps.0.doneWhen');
    expect(placeOf('steps.2.doneWhen', DEFAULT_ROADMAP, newSteps)).toBe('steps.2.doneWhen');
    expect(placeOf('steps.2.key', DEFAULT_ROADMAP, newSteps)).toBe('steps.2');
    expect(placeOf('steps.8.key', DEFAULT_ROADMAP, newSteps)).toBe('steps.8.name');
    expect(placeOf('steps[1].guidance', DEFAULT_ROADMAP, newSteps)).toBe('steps.1.guidance');
    expect(placeOf('steps.40.name', DEFAULT_ROADMAP, newSteps)).toBe('steps');
    expect(placeOf('if-match', DEFAULT_ROADMAP, newSteps)).toBe('form');
    expect(describePlace('steps.3.doneWhen')).toBe('Step 4, done when');
  });
});

describe('what changed between versions', () => {
  it('says nothing when nothing changed', () => {
    expect(differences(DEFAULT_ROADMAP, DEFAULT_ROADMAP)).toEqual([]);
  });

  it('names each change, steps matched by key', () => {
    let d = draftOf(DEFAULT_ROADMAP);
    d = { ...d, name: 'The Bloom way' };
    d = updateStep(d, step(d, 'give-space').uid, (s) => ({ ...s, guidance: 'Let them be.' }));
    d = updateStep(d, step(d, 'thank').uid, (s) => ({ ...s, skippable: true, name: 'Say thanks' }));
    d = updateStep(d, step(d, 'discover').uid, (s) => ({ ...s, atLeast: 5 }));
    d = removeStep(d, step(d, 'acknowledge').uid);
    d = moveStep(d, step(d, 'close').uid, 1);
    d = withNew(d, 'Offer a coffee');
    expect(differences(DEFAULT_ROADMAP, definitionOf(d))).toEqual([
      'Renamed the roadmap to “The Bloom way”',
      'Removed “Acknowledge”',
      '“Discover” is now done when at least 5 questions are answered',
      'Changed the guidance for “Give space”',
      'Renamed “Thank” to “Say thanks”',
      '“Say thanks” can be skipped now',
      'Added “Offer a coffee”',
      'Changed the order of the steps',
    ]);
  });

  it('does not count a removed step as a change of order', () => {
    const d = draftOf(DEFAULT_ROADMAP);
    expect(differences(DEFAULT_ROADMAP, definitionOf(removeStep(d, step(d, 'converse').uid)))).toEqual(['Removed “Converse”']);
  });
});
