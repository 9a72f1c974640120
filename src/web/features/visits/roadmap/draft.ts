/**
 * The roadmap as the editor holds it while the owner works on it. Each step carries an id of its
 * own, so a step keeps its place in the list (and its focus) while it is renamed or moved; a step
 * already saved keeps its key, which visits record it by, and a new step's key follows its name.
 */
import type { DoneWhen, RoadmapDefinition, RoadmapStep } from '../../../../shared/domain/roadmap.ts';
import { moved, updated } from '../../../ui/editor.ts';

export type DoneKind = DoneWhen['kind'];

export const DONE_KINDS: readonly DoneKind[] = ['marked', 'questions-answered', 'recommended', 'basket', 'closed'];

export interface DraftStep {
  uid: string;
  /** The saved key of a step from the roadmap; null for a step added here, whose key comes from its name. */
  key: string | null;
  name: string;
  guidance: string;
  skippable: boolean;
  kind: DoneKind;
  /** Kept when another kind is chosen, so choosing questions again loses nothing; blank while being typed. */
  atLeast: number | '';
  /** Added in this editing session and not yet saved: its mistakes wait until a save is tried. */
  fresh: boolean;
}

export interface Draft {
  name: string;
  steps: DraftStep[];
}

/** How many questions a step is done after when the owner first chooses "questions answered". */
export const DEFAULT_AT_LEAST = 3;

let counter = 0;
const nextUid = () => `step${++counter}`;

/** The draft of a saved roadmap. */
export function draftOf(definition: RoadmapDefinition): Draft {
  return {
    name: definition.name,
    steps: definition.steps.map(
      (s): DraftStep => ({
        uid: nextUid(),
        key: s.key,
        name: s.name,
        guidance: s.guidance,
        skippable: s.skippable,
        kind: s.doneWhen.kind,
        atLeast: s.doneWhen.kind === 'questions-answered' ? s.doneWhen.atLeast : DEFAULT_AT_LEAST,
        fresh: false,
      }),
    ),
  };
}

const KEY = /^[a-z][a-z0-9-]{0,39}$/;

/** "Give space!" → "give-space": a key for a step's name (accents dropped), unlike any in `taken`. */
export function keyFor(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base && !/^[a-z]/.test(base)) base = `step-${base}`;
  // Room for "-30" on the end, within the 40 characters a key may have.
  base = base.slice(0, 36).replace(/-+$/, '');
  if (!KEY.test(base)) base = 'step';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** Each step's key: the saved one, or for a new step one made from its name, unlike every other step's. */
export function keysOf(draft: Draft): string[] {
  const taken = new Set(draft.steps.flatMap((s) => (s.key ? [s.key] : [])));
  return draft.steps.map((s) => {
    if (s.key) return s.key;
    const key = keyFor(s.name, taken);
    taken.add(key);
    return key;
  });
}

function doneWhenOf(s: DraftStep): DoneWhen {
  // A blank count goes as NaN, which the checks name as a mistake rather than quietly sending something else.
  if (s.kind === 'questions-answered') return { kind: s.kind, atLeast: s.atLeast === '' ? Number.NaN : s.atLeast };
  return { kind: s.kind };
}

/** The definition the API takes; names are trimmed and new steps get their keys. */
export function definitionOf(draft: Draft): RoadmapDefinition {
  const keys = keysOf(draft);
  return {
    name: draft.name.trim(),
    steps: draft.steps.map(
      (s, i): RoadmapStep => ({
        key: keys[i] ?? '',
        name: s.name.trim(),
        guidance: s.guidance.trim(),
        skippable: s.skippable,
        doneWhen: doneWhenOf(s),
      }),
    ),
  };
}

/** What a save would send, as text, to tell whether anything changed. */
export const fingerprint = (definition: RoadmapDefinition) => JSON.stringify(definition);

/** A new step, to be written: skippable, so it holds up no visit until the owner says otherwise. */
export function blankStep(): DraftStep {
  return { uid: nextUid(), key: null, name: '', guidance: '', skippable: true, kind: 'marked', atLeast: DEFAULT_AT_LEAST, fresh: true };
}

/** Changes one step. */
export function updateStep(draft: Draft, uid: string, change: (s: DraftStep) => DraftStep): Draft {
  return { ...draft, steps: updated(draft.steps, uid, change) };
}

/** Moves a step up (-1) or down (+1); nothing happens at either end. */
export function moveStep(draft: Draft, uid: string, delta: -1 | 1): Draft {
  const steps = moved(draft.steps, uid, delta);
  return steps === draft.steps ? draft : { ...draft, steps };
}

export function removeStep(draft: Draft, uid: string): Draft {
  return { ...draft, steps: draft.steps.filter((s) => s.uid !== uid) };
}

/** "done when …", finishing a sentence. */
export function doneWhenPhrase(d: DoneWhen): string {
  switch (d.kind) {
    case 'marked':
      return 'the associate marks it done';
    case 'questions-answered':
      return Number.isInteger(d.atLeast)
        ? `at least ${d.atLeast} ${d.atLeast === 1 ? 'question is' : 'questions are'} answered`
        : 'enough questions are answered';
    case 'recommended':
      return 'a recommendation is shown';
    case 'basket':
      return 'something is in the basket';
    case 'closed':
      return 'the visit is closed';
  }
}

/** The choices of "Done when", as an owner reads them. */
export const DONE_KIND_LABEL: Record<DoneKind, string> = {
  marked: 'The associate marks it done',
  'questions-answered': 'Enough questions are answered',
  recommended: 'A recommendation is shown',
  basket: 'Something is in the basket',
  closed: 'The visit is closed',
};

const sameDoneWhen = (a: DoneWhen, b: DoneWhen) =>
  a.kind === b.kind && (a.kind !== 'questions-answered' || b.kind !== 'questions-answered' || a.atLeast === b.atLeast);

const quoted = (name: string) => `“${name || 'Unnamed step'}”`;

/**
 * What changed from one version of a roadmap to another, one sentence each, steps matched by key:
 * for showing a colleague's newer version beside the owner's own changes.
 */
export function differences(from: RoadmapDefinition, to: RoadmapDefinition): string[] {
  const out: string[] = [];
  if (from.name !== to.name) out.push(`Renamed the roadmap to ${quoted(to.name)}`);
  const before = new Map(from.steps.map((s) => [s.key, s]));
  const after = new Set(to.steps.map((s) => s.key));
  for (const s of from.steps) if (!after.has(s.key)) out.push(`Removed ${quoted(s.name)}`);
  for (const s of to.steps) {
    const old = before.get(s.key);
    if (!old) {
      out.push(`Added ${quoted(s.name)}`);
      continue;
    }
    if (old.name !== s.name) out.push(`Renamed ${quoted(old.name)} to ${quoted(s.name)}`);
    if (old.guidance !== s.guidance) out.push(`Changed the guidance for ${quoted(s.name)}`);
    if (old.skippable !== s.skippable) out.push(`${quoted(s.name)} ${s.skippable ? 'can be skipped now' : 'can no longer be skipped'}`);
    if (!sameDoneWhen(old.doneWhen, s.doneWhen)) out.push(`${quoted(s.name)} is now done when ${doneWhenPhrase(s.doneWhen)}`);
  }
  const kept = (steps: RoadmapStep[], others: Set<string>) => steps.map((s) => s.key).filter((k) => others.has(k));
  const orderBefore = kept(from.steps, after);
  const orderAfter = kept(to.steps, new Set(before.keys()));
  if (orderBefore.join('\n') !== orderAfter.join('\n')) out.push('Changed the order of the steps');
  return out;
}
