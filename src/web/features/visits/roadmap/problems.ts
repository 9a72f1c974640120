/**
 * Mistakes in a roadmap, found as the owner edits (the shared checker the server uses, plus the
 * API's limits) or named by the server after a save, each placed at the field that shows it.
 */
import { checkRoadmap, type RoadmapDefinition, type RoadmapProblem } from '../../../../shared/domain/roadmap.ts';
import { placeId } from '../../../ui/editor.ts';

/** The API's limits (encounters.routes.ts, RoadmapBody), checked before sending. */
export const LIMITS = { name: 120, steps: 30, stepName: 80, guidance: 1000, atLeast: 100 } as const;

/** Every mistake in the roadmap, by path, as the server names them (`steps.3.name`). */
export function findProblems(def: RoadmapDefinition): RoadmapProblem[] {
  const problems = checkRoadmap(def);
  const add = (path: string, message: string) => problems.push({ path, message });
  if (def.name.length > LIMITS.name) add('name', `is too long: at most ${LIMITS.name} characters`);
  if (def.steps.length > LIMITS.steps) add('steps', `at most ${LIMITS.steps} steps`);
  for (const [i, s] of def.steps.entries()) {
    if (s.name.length > LIMITS.stepName) add(`steps.${i}.name`, `is too long: at most ${LIMITS.stepName} characters`);
    if (s.guidance.length > LIMITS.guidance) add(`steps.${i}.guidance`, `is too long: at most ${LIMITS.guidance} characters`);
    if (s.doneWhen.kind === 'questions-answered' && s.doneWhen.atLeast > LIMITS.atLeast)
      add(`steps.${i}.doneWhen.atLeast`, `at most ${LIMITS.atLeast} questions`);
  }
  return problems;
}

/** `steps[3].name` (some tools) → `steps.3.name` (the checker's and the API's). */
const normalise = (path: string) => path.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');

/**
 * The field that shows a mistake at `path`: the input itself when the editor has one, else the
 * nearest thing that does (a step's card, the list of steps, the whole form). A new step's key is
 * made from its name, so a mistake in it shows at the name.
 */
export function placeOf(path: string, def: RoadmapDefinition, newSteps: ReadonlySet<number>): string {
  const p = normalise(path);
  if (p === 'name' || p === 'steps') return p;
  const m = /^steps\.(\d+)(?:\.(.*))?$/.exec(p);
  if (!m) return 'form';
  const i = Number(m[1]);
  if (!def.steps[i]) return 'steps';
  const at = `steps.${i}`;
  const rest = m[2] ?? '';
  if (rest === 'name' || rest === 'guidance' || rest === 'skippable') return `${at}.${rest}`;
  if (rest === 'key') return newSteps.has(i) ? `${at}.name` : at;
  if (rest === 'doneWhen.atLeast')
    return def.steps[i]?.doneWhen.kind === 'questions-answered' ? `${at}.doneWhen.atLeast` : `${at}.doneWhen`;
  if (rest.startsWith('doneWhen')) return `${at}.doneWhen`;
  return at;
}

/** The DOM id of the input for a placed path, so the summary can take the owner there. */
export const fieldId = (place: string) => placeId('roadmap', place);

/** Which step a placed path belongs to, if any. */
export function stepIndexOf(place: string): number | null {
  const m = /^steps\.(\d+)/.exec(place);
  return m ? Number(m[1]) : null;
}

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  guidance: 'guidance',
  skippable: 'can be skipped',
  doneWhen: 'done when',
  'doneWhen.atLeast': 'questions answered',
};

/** Where a placed mistake is, in words for the summary: "Step 3, guidance". */
export function describePlace(place: string): string {
  if (place === 'form') return 'The roadmap';
  if (place === 'name') return 'Name';
  if (place === 'steps') return 'Steps';
  const m = /^steps\.(\d+)(?:\.(.*))?$/.exec(place);
  if (!m) return place;
  const step = `Step ${Number(m[1]) + 1}`;
  return m[2] ? `${step}, ${FIELD_WORDS[m[2]] ?? m[2]}` : step;
}
