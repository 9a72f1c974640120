/**
 * Mistakes in a question set, found as the owner edits (the shared checker plus the limits the API
 * sets) or named by the server after a save, each placed at the field that shows it.
 */
import type { VocabularyKind } from '../../../../shared/customers.ts';
import { CHOOSING_TYPES, checkQuestionSet, type Problem, type QuestionSetDefinition } from '../../../../shared/domain/question-sets.ts';
import { MATCH_ATTRIBUTES, type MatchAttribute } from '../../../../shared/domain/recommend.ts';
import { placeId } from '../../../ui/editor.ts';
import { ATTRIBUTE_LABEL } from './words.ts';

/** What the checks compare against: the retailer's words (archived ones too), colour families and category paths. */
export interface Known {
  vocabulary: Partial<Record<VocabularyKind, Set<string>>>;
  families: Set<string>;
  categories: Set<string>;
}

/** The API's limits on text and lists (question-sets.schemas.ts), checked before sending. */
const LIMITS = { name: 120, purpose: 300, prompt: 300, help: 1000, context: 120, label: 120, value: 63 } as const;

/** Every mistake in the set, by path, as the server would name it. */
export function findProblems(def: QuestionSetDefinition, known: Known): Problem[] {
  const problems = checkQuestionSet(def, known.vocabulary, known.families);
  const add = (path: string, message: string) => problems.push({ path, message });
  const tooLong = (path: string, text: string, max: number) => {
    if (text.length > max) add(path, `is too long: at most ${max} characters`);
  };
  tooLong('name', def.name, LIMITS.name);
  tooLong('purpose', def.purpose, LIMITS.purpose);
  const categories = def.categories ?? [];
  if (categories.length > 40) add('categories', 'at most 40 categories');
  for (const [i, path] of categories.entries()) if (!known.categories.has(path)) add(`categories[${i}]`, `there is no category "${path}"`);
  if (def.questions.length > 60) add('questions', 'at most 60 questions');
  for (const [i, q] of def.questions.entries()) {
    const at = `questions[${i}]`;
    tooLong(`${at}.prompt`, q.prompt, LIMITS.prompt);
    tooLong(`${at}.help`, q.help, LIMITS.help);
    tooLong(`${at}.context`, q.context ?? '', LIMITS.context);
    if ((q.choices?.length ?? 0) > 40) add(`${at}.choices`, 'at most 40 choices');
    if ((q.maps?.length ?? 0) > 10) add(`${at}.maps`, 'at most 10 mappings');
    for (const [j, c] of (q.choices ?? []).entries()) {
      if (!c.label) add(`${at}.choices[${j}].label`, 'is empty');
      else tooLong(`${at}.choices[${j}].label`, c.label, LIMITS.label);
      if (!c.value) add(`${at}.choices[${j}].value`, 'is empty');
      else tooLong(`${at}.choices[${j}].value`, c.value, LIMITS.value);
    }
  }
  return problems;
}

/** `questions.3.maps.0.weight` (the API's schema errors) → `questions[3].maps[0].weight` (the checker's). */
export function normalisePath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

const QUESTION_FIELDS = new Set(['key', 'prompt', 'help', 'type', 'vocabulary', 'choices', 'maps', 'fills', 'context']);
const CHOICE_FIELDS = new Set(['value', 'label', 'rule']);
const MAPPING_FIELDS = new Set(['attribute', 'weight', 'polarity']);
const SET_FIELDS = new Set(['name', 'purpose', 'categories', 'questions', 'active']);

/**
 * The field that shows a mistake at `path`: the input itself when the editor has one, else the
 * nearest thing that does (a question's card, the whole form).
 */
export function placeOf(path: string, def: QuestionSetDefinition): string {
  const p = normalisePath(path);
  if (SET_FIELDS.has(p)) return p;
  if (/^categories\[\d+\]/.test(p)) return 'categories';
  const q = /^questions\[(\d+)\](?:\.(.*))?$/.exec(p);
  if (!q) return 'form';
  const i = Number(q[1]);
  const question = def.questions[i];
  if (!question) return 'questions';
  const at = `questions[${i}]`;
  const rest = q[2] ?? '';
  if (rest.startsWith('askIf')) return rest.startsWith('askIf.anyOf') ? `${at}.askIf.anyOf` : `${at}.askIf.question`;
  if (QUESTION_FIELDS.has(rest)) {
    const shown =
      (rest !== 'vocabulary' || question.type === 'vocabulary') &&
      (rest !== 'choices' || question.choices !== undefined) &&
      (rest !== 'maps' || CHOOSING_TYPES.includes(question.type));
    return shown ? `${at}.${rest}` : at;
  }
  const choice = /^choices\[(\d+)\](?:\.(.*))?$/.exec(rest);
  if (choice && question.choices?.[Number(choice[1])]) {
    const c = `${at}.choices[${choice[1]}]`;
    const field = choice[2] ?? '';
    if (CHOICE_FIELDS.has(field)) return `${c}.${field}`;
    const means = /^means\.([a-zA-Z]+)/.exec(field);
    if (means && (MATCH_ATTRIBUTES as readonly string[]).includes(means[1] ?? '')) return `${c}.means.${means[1]}`;
    return `${c}.label`;
  }
  const mapping = /^maps\[(\d+)\](?:\.(.*))?$/.exec(rest);
  if (mapping && question.maps?.[Number(mapping[1])]) {
    const field = mapping[2] ?? '';
    return `${at}.maps[${mapping[1]}].${MAPPING_FIELDS.has(field) ? field : 'attribute'}`;
  }
  return at;
}

/** The DOM id of the input for a placed path, so the summary can take the owner there. */
export const fieldId = (path: string) => placeId('qs', path);

/** Which question a placed path belongs to, if any. */
export function questionIndexOf(path: string): number | null {
  const m = /^questions\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}

const FIELD_WORDS: Record<string, string> = {
  key: 'key',
  prompt: 'what the associate asks',
  help: 'why it matters',
  type: 'answer type',
  vocabulary: 'words from',
  choices: 'choices',
  maps: 'what the answer is about',
  fills: 'preference it fills',
  context: 'words in reasons',
  'askIf.question': 'when to ask it',
  'askIf.anyOf': 'answers that lead to it',
  value: 'value',
  label: 'label',
  rule: 'pet-safe rule',
  attribute: 'attribute',
  weight: 'weight',
  polarity: 'wanted, to avoid or to go with',
};

/** Where a placed mistake is, in words for the summary: "Question 3, choice 2, label". */
export function describePlace(place: string): string {
  if (place === 'form') return 'The question set';
  if (SET_FIELDS.has(place))
    return { name: 'Name', purpose: 'Purpose', categories: 'Categories', questions: 'Questions', active: 'Active' }[place] ?? place;
  const m = /^questions\[(\d+)\](?:\.(.*))?$/.exec(place);
  if (!m) return place;
  const parts = [`Question ${Number(m[1]) + 1}`];
  const rest = m[2] ?? '';
  const choice = /^choices\[(\d+)\]\.(.*)$/.exec(rest);
  const mapping = /^maps\[(\d+)\]\.(.*)$/.exec(rest);
  if (choice) {
    parts.push(`choice ${Number(choice[1]) + 1}`);
    const field = choice[2] ?? '';
    const means = /^means\.(.+)$/.exec(field);
    parts.push(means ? `means (${ATTRIBUTE_LABEL[means[1] as MatchAttribute]?.toLowerCase() ?? means[1]})` : (FIELD_WORDS[field] ?? field));
  } else if (mapping) {
    parts.push(`mapping ${Number(mapping[1]) + 1}`, FIELD_WORDS[mapping[2] ?? ''] ?? mapping[2] ?? '');
  } else if (rest) parts.push(FIELD_WORDS[rest] ?? rest);
  return parts.join(', ');
}
