/**
 * The store's sales-experience roadmap as data: the steps of a visit in order, each with guidance
 * for the associate, whether it may be skipped, and what marks it done. Pure: the server checks
 * definitions and works out a visit's progress with these functions, and the screens show the same.
 */

/** What marks a step done, besides the associate saying so. */
export type DoneWhen =
  /** Only the associate marks it. */
  | { kind: 'marked' }
  /** At least this many questions answered in the visit's guided selling. */
  | { kind: 'questions-answered'; atLeast: number }
  /** A recommendation list or a comparison was shown. */
  | { kind: 'recommended' }
  /** Something is in the visit's basket. */
  | { kind: 'basket' }
  /** The visit is closed (a sale, an order or no sale). */
  | { kind: 'closed' };

export interface RoadmapStep {
  /** Stable within the roadmap: visits record steps by it. */
  key: string;
  name: string;
  /** What the associate should do, and why. */
  guidance: string;
  skippable: boolean;
  doneWhen: DoneWhen;
}

export interface RoadmapDefinition {
  name: string;
  steps: RoadmapStep[];
}

export interface RoadmapProblem {
  path: string;
  message: string;
}

const KEY = /^[a-z][a-z0-9-]{0,39}$/;

/** What is wrong with a roadmap, each by its path; none when it can be saved. */
export function checkRoadmap(r: RoadmapDefinition): RoadmapProblem[] {
  const problems: RoadmapProblem[] = [];
  if (!r.name?.trim()) problems.push({ path: 'name', message: 'give the roadmap a name' });
  if (!Array.isArray(r.steps) || r.steps.length === 0) problems.push({ path: 'steps', message: 'a roadmap needs at least one step' });
  const seen = new Set<string>();
  for (const [i, s] of (r.steps ?? []).entries()) {
    const at = `steps.${i}`;
    if (!KEY.test(s.key ?? ''))
      problems.push({ path: `${at}.key`, message: 'use lower-case letters, digits and hyphens, starting with a letter' });
    else if (seen.has(s.key)) problems.push({ path: `${at}.key`, message: `"${s.key}" is used by an earlier step` });
    seen.add(s.key);
    if (!s.name?.trim()) problems.push({ path: `${at}.name`, message: 'give the step a name' });
    if (s.doneWhen?.kind === 'questions-answered' && !(Number.isInteger(s.doneWhen.atLeast) && s.doneWhen.atLeast >= 1))
      problems.push({ path: `${at}.doneWhen.atLeast`, message: 'a whole number of questions, at least 1' });
  }
  if ((r.steps ?? []).length && !(r.steps ?? []).some((s) => s.doneWhen?.kind === 'closed'))
    problems.push({ path: 'steps', message: 'one step must be done when the visit is closed, so a visit can end' });
  return problems;
}

/** The roadmap a retailer starts with: greet → acknowledge → converse → discover → recommend → give space → close → thank → follow up. */
export const DEFAULT_ROADMAP: RoadmapDefinition = {
  name: 'Our way with every customer',
  steps: [
    {
      key: 'greet',
      name: 'Greet',
      guidance: 'Within a minute of their arrival: a smile, your name, and their name if you know it.',
      skippable: false,
      doneWhen: { kind: 'marked' },
    },
    {
      key: 'acknowledge',
      name: 'Acknowledge',
      guidance: 'Show you remember them: their last visit, what they bought, how it went.',
      skippable: true,
      doneWhen: { kind: 'marked' },
    },
    {
      key: 'converse',
      name: 'Converse',
      guidance: 'Talk before you sell: what brings them in today, and who it is for.',
      skippable: true,
      doneWhen: { kind: 'marked' },
    },
    {
      key: 'discover',
      name: 'Discover',
      guidance: 'Ask good questions — the room, the colours, the occasion — and listen to the answers.',
      skippable: true,
      doneWhen: { kind: 'questions-answered', atLeast: 3 },
    },
    {
      key: 'recommend',
      name: 'Recommend',
      guidance: 'Suggest from what they said, with honest reasons, inside their budget.',
      skippable: true,
      doneWhen: { kind: 'recommended' },
    },
    {
      key: 'give-space',
      name: 'Give space',
      guidance: 'Step back and let them picture it. Nothing is sold in this minute.',
      skippable: true,
      doneWhen: { kind: 'marked' },
    },
    {
      key: 'close',
      name: 'Close',
      guidance: 'A sale, an order, or an honest "not today" — each is a good ending.',
      skippable: false,
      doneWhen: { kind: 'closed' },
    },
    {
      key: 'thank',
      name: 'Thank',
      guidance: 'Thank them by name, and say when you will be in touch if you promised to.',
      skippable: false,
      doneWhen: { kind: 'marked' },
    },
    {
      key: 'follow-up',
      name: 'Follow up',
      guidance: 'Plan the follow-up: a thank-you, a check after delivery, a call when it is back in stock.',
      skippable: true,
      doneWhen: { kind: 'marked' },
    },
  ],
};

/** What a visit has done so far, for the conditions of `DoneWhen`. */
export interface VisitFacts {
  /** Steps the associate marked done or skipped, by key. */
  marked: Record<string, { status: 'done' | 'skipped'; at: string }>;
  questionsAnswered: number;
  recommended: boolean;
  basketLines: number;
  closed: boolean;
}

export type StepState = 'done' | 'skipped' | 'current' | 'to-do';

export interface StepProgress {
  key: string;
  name: string;
  guidance: string;
  skippable: boolean;
  doneWhen: DoneWhen;
  state: StepState;
  /** When it was marked, when it was; null when a condition marked it. */
  at: string | null;
}

function met(s: RoadmapStep, f: VisitFacts): boolean {
  switch (s.doneWhen.kind) {
    case 'marked':
      return false;
    case 'questions-answered':
      return f.questionsAnswered >= s.doneWhen.atLeast;
    case 'recommended':
      return f.recommended;
    case 'basket':
      return f.basketLines > 0;
    case 'closed':
      return f.closed;
  }
}

/** Each step's state: done (marked, or its condition met), skipped, the current one (the first left to do), or still to do. */
export function progress(r: RoadmapDefinition, f: VisitFacts): StepProgress[] {
  let currentFound = false;
  return r.steps.map((s) => {
    const mark = f.marked[s.key];
    let state: StepState = mark?.status === 'skipped' ? 'skipped' : mark || met(s, f) ? 'done' : 'to-do';
    if (state === 'to-do' && !currentFound) {
      state = 'current';
      currentFound = true;
    }
    return { key: s.key, name: s.name, guidance: s.guidance, skippable: s.skippable, doneWhen: s.doneWhen, state, at: mark?.at ?? null };
  });
}

/**
 * Why a step cannot be marked yet, or null: a step cannot be skipped unless the roadmap allows it,
 * and a step comes after every earlier step that may not be skipped (the first steps of a visit
 * are not taken out of order); skippable steps in between are passed over.
 */
export function cannotMark(r: RoadmapDefinition, f: VisitFacts, key: string, status: 'done' | 'skipped'): string | null {
  const i = r.steps.findIndex((s) => s.key === key);
  const step = r.steps[i];
  if (!step) return `This visit's roadmap has no step "${key}".`;
  if (status === 'skipped' && !step.skippable) return `"${step.name}" cannot be skipped.`;
  const states = progress(r, f);
  const missing = r.steps.slice(0, i).find((s, j) => !s.skippable && states[j]?.state !== 'done' && states[j]?.state !== 'skipped');
  return missing ? `"${missing.name}" comes before "${step.name}".` : null;
}
