/**
 * Question sets as data: what an associate asks, why it matters, which answers lead to which, and
 * what each answer means for the recommendation (the product attributes it maps to, with a weight)
 * and for the customer's profile (the preference it fills). Checked here, used by the server, the
 * screens and the engine alike.
 */
import { ATTRIBUTE_VOCABULARY, CARE_LEVELS, LIFESPANS, SCENTS } from '../catalog.ts';
import type { BuiltInPreferenceKey, VocabularyKind } from '../customers.ts';
import type { Budget, HardRule, MatchAttribute, Wish, WishPolarity } from './recommend.ts';
import { MATCH_ATTRIBUTES } from './recommend.ts';

export const ANSWER_TYPES = ['single', 'multiple', 'vocabulary', 'number', 'quantity', 'budget', 'text'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** Units of one item a customer can ask for in one go. */
export const MAX_QUANTITY = 1000;

/** A choice of a single or multiple question; it can stand for attribute values and a hard rule. */
export interface Choice {
  value: string;
  label: string;
  /** What choosing it means for products, e.g. "Fresh" → { lifespan: ["fresh"] }. */
  means?: Partial<Record<MatchAttribute, string[]>>;
  /** Choosing it sets a rule never broken, e.g. "We have a cat" → pet-safe only. */
  rule?: 'pet-safe';
}

/** Which product attribute the answer is about, and how much it counts. */
export interface AttributeMapping {
  attribute: MatchAttribute;
  weight: number;
  polarity?: WishPolarity;
}

export interface Question {
  /** Stable within the set: answers, branching and saved preferences refer to it. */
  key: string;
  prompt: string;
  /** Tells the associate why the question matters. */
  help: string;
  type: AnswerType;
  /** Vocabulary questions: the kind of word picked (colours, rooms …). */
  vocabulary?: VocabularyKind;
  /** Single and multiple questions: the choices. */
  choices?: Choice[];
  /** The attributes its answer maps to (vocabulary keys or the choices' meanings). */
  maps?: AttributeMapping[];
  /** The customer preference the answer fills, with the customer's agreement. */
  fills?: BuiltInPreferenceKey | null;
  /** Ask only when an earlier answer is one of these values. */
  askIf?: { question: string; anyOf: string[] } | null;
  /** Words for where a matching answer comes from, in reasons: "your living room". */
  context?: string | null;
}

export interface QuestionSetDefinition {
  name: string;
  /** What it is for: a category or an occasion, in the retailer's words. */
  purpose: string;
  /** Category paths ("Fresh flowers", "Soft furnishings/Cushions") recommendations come from, sub-categories included; none for all. */
  categories?: string[];
  questions: Question[];
}

/** An answer as given: chosen values, a number, a quantity, a budget, or words. */
export type Answer =
  | { values: string[] }
  | { number: number }
  | { quantity: number }
  | { budget: { max: number; firm: boolean } }
  | { text: string };

export interface Problem {
  path: string;
  message: string;
}

const KEY = /^[a-z][a-z0-9-]{0,62}$/;

/** The values of the attributes that are not vocabulary words. */
const FIXED_VALUES: Partial<Record<MatchAttribute, readonly string[]>> = { lifespan: LIFESPANS, scent: SCENTS, care: CARE_LEVELS };

/** Answer types whose answer is a list of chosen values: they steer recommendations and decide branching. */
export const CHOOSING_TYPES: readonly AnswerType[] = ['single', 'multiple', 'vocabulary'];

/**
 * What is wrong with a question set, by path; empty when it can be saved. With the retailer's
 * vocabulary (and colour families), the words the set names are checked against it too.
 */
export function checkQuestionSet(
  set: QuestionSetDefinition,
  vocabulary?: Partial<Record<VocabularyKind, Set<string>>>,
  families?: Set<string>,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!set.name.trim()) add('name', 'is empty');
  if (set.questions.length === 0) add('questions', 'has no question');
  const index = new Map<string, number>();
  for (const [i, q] of set.questions.entries()) {
    const at = `questions[${i}]`;
    if (!KEY.test(q.key)) add(`${at}.key`, `"${q.key}" must be lower-case letters, digits and dashes`);
    else if (index.has(q.key)) add(`${at}.key`, `"${q.key}" is used by another question`);
    else index.set(q.key, i);
    if (!q.prompt.trim()) add(`${at}.prompt`, 'is empty');
    if (!(ANSWER_TYPES as readonly string[]).includes(q.type)) add(`${at}.type`, `"${q.type}" is not an answer type`);
    if ((q.type === 'single' || q.type === 'multiple') && !(q.choices?.length ?? 0))
      add(`${at}.choices`, 'a choice question needs choices');
    if (q.type === 'vocabulary' && !q.vocabulary) add(`${at}.vocabulary`, 'say which words are picked (colour, room …)');
    const values = new Set<string>();
    for (const [j, c] of (q.choices ?? []).entries()) {
      if (values.has(c.value)) add(`${at}.choices[${j}].value`, `"${c.value}" is used twice`);
      values.add(c.value);
      for (const [attribute, list] of Object.entries(c.means ?? {})) {
        const path = `${at}.choices[${j}].means.${attribute}`;
        if (!(MATCH_ATTRIBUTES as readonly string[]).includes(attribute)) {
          add(path, 'is not a product attribute');
          continue;
        }
        const fixed = FIXED_VALUES[attribute as MatchAttribute];
        const kind = (ATTRIBUTE_VOCABULARY as Partial<Record<string, VocabularyKind>>)[attribute];
        for (const v of list ?? [])
          if (fixed && !fixed.includes(v)) add(path, `"${v}" is not one of ${fixed.join(', ')}`);
          else if (attribute === 'colourFamilies' && families && !families.has(v)) add(path, `"${v}" is not a colour family`);
          else if (kind && q.vocabulary === undefined && vocabulary && !vocabulary[kind]?.has(v))
            add(path, `"${v}" is not in the ${kind} vocabulary`);
      }
    }
    for (const [j, m] of (q.maps ?? []).entries()) {
      if (!(MATCH_ATTRIBUTES as readonly string[]).includes(m.attribute))
        add(`${at}.maps[${j}].attribute`, `"${m.attribute}" is not a product attribute`);
      if (typeof m.weight !== 'number' || !Number.isFinite(m.weight) || m.weight <= 0 || m.weight > 100)
        add(`${at}.maps[${j}].weight`, 'must be a number above 0 and at most 100');
    }
  }
  for (const [i, q] of set.questions.entries()) {
    if (!q.askIf) continue;
    const at = `questions[${i}].askIf`;
    const t = index.get(q.askIf.question);
    const target = t === undefined ? undefined : set.questions[t];
    if (t === undefined || !target) add(`${at}.question`, `there is no question "${q.askIf.question}"`);
    else if (t === i) add(`${at}.question`, 'a question cannot depend on itself');
    else if (t > i) add(`${at}.question`, `"${target.key}" is asked after this one, so this question would never be asked: move it below`);
    else if (!CHOOSING_TYPES.includes(target.type))
      add(`${at}.question`, `"${target.key}" is not answered by choosing, so it cannot decide this`);
    else if (q.askIf.anyOf.length === 0) add(`${at}.anyOf`, 'choose the answers that lead to this question');
    else
      for (const v of q.askIf.anyOf) {
        const possible =
          target.type === 'vocabulary'
            ? !vocabulary || !target.vocabulary || Boolean(vocabulary[target.vocabulary]?.has(v))
            : Boolean(target.choices?.some((c) => c.value === v));
        if (!possible) add(`${at}.anyOf`, `"${v}" is not an answer to "${target.key}"`);
      }
  }
  // Branching must not go round in circles: follow each question's askIf chain.
  for (const [i, q] of set.questions.entries()) {
    const seen = new Set<string>([q.key]);
    for (let next = q.askIf?.question; next !== undefined; ) {
      if (seen.has(next)) {
        add(`questions[${i}].askIf`, `branching goes round in a circle through "${next}"`);
        break;
      }
      seen.add(next);
      const n = index.get(next);
      next = n === undefined ? undefined : set.questions[n]?.askIf?.question;
    }
  }
  for (const type of ['quantity', 'budget'] as const)
    if (set.questions.filter((q) => q.type === type).length > 1) add('questions', `has more than one ${type} question`);
  return problems;
}

const chosen = (a: Answer | undefined): string[] => (a && 'values' in a ? a.values : []);

/** The questions to ask, in order, given the answers so far (branching applied). */
export function questionsToAsk(set: QuestionSetDefinition, answers: Record<string, Answer>): Question[] {
  const shown = new Set<string>();
  const out: Question[] = [];
  for (const q of set.questions) {
    if (q.askIf && !(shown.has(q.askIf.question) && chosen(answers[q.askIf.question]).some((v) => q.askIf?.anyOf.includes(v)))) continue;
    shown.add(q.key);
    out.push(q);
  }
  return out;
}

/** What is wrong with one answer to a question, or null; vocabulary answers are checked against the vocabulary by the server. */
export function checkAnswer(q: Question, answer: Answer): string | null {
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'vocabulary') {
    if (!('values' in answer) || !Array.isArray(answer.values)) return 'expects chosen values';
    if (answer.values.length === 0) return 'choose at least one, or skip the question';
    if (q.type === 'single' && answer.values.length > 1) return 'takes one choice';
    if (q.type !== 'vocabulary') {
      const unknown = answer.values.filter((v) => !q.choices?.some((c) => c.value === v));
      if (unknown.length) return `${unknown.map((v) => `"${v}"`).join(', ')} is not one of the choices`;
    }
    return null;
  }
  if (q.type === 'quantity') {
    const n = 'quantity' in answer ? answer.quantity : Number.NaN;
    return Number.isInteger(n) && n >= 1 && n <= MAX_QUANTITY ? null : `a whole number from 1 to ${MAX_QUANTITY.toLocaleString('en-GB')}`;
  }
  if (q.type === 'budget') {
    const b = 'budget' in answer ? answer.budget : null;
    return b && typeof b.max === 'number' && Number.isFinite(b.max) && b.max > 0 ? null : 'the budget must be an amount above 0';
  }
  if (q.type === 'number') return 'number' in answer && Number.isFinite(answer.number) ? null : 'expects a number';
  return 'text' in answer && typeof answer.text === 'string' && answer.text.length <= 2000 ? null : 'expects words, up to 2,000 characters';
}

/** What the answers mean for the engine: wishes, rules, the budget and the quantity; or what is wrong with them. */
export function readAnswers(
  set: QuestionSetDefinition,
  answers: Record<string, Answer>,
  /** Words for where an answer comes from, by question, overriding the question's (a confirmed "your living room"). */
  contexts: Record<string, string | null> = {},
): { wishes: Wish[]; rules: HardRule[]; budget: Budget | null; quantity: number; problems: Problem[] } {
  const problems: Problem[] = [];
  const byKey = new Map(set.questions.map((q) => [q.key, q]));
  const asked = new Set(questionsToAsk(set, answers).map((q) => q.key));
  const wishes: Wish[] = [];
  const rules: HardRule[] = [];
  let budget: Budget | null = null;
  let quantity = 1;
  for (const [key, answer] of Object.entries(answers)) {
    const q = byKey.get(key);
    const path = `answers.${key}`;
    if (!q) {
      problems.push({ path, message: 'there is no such question in this set' });
      continue;
    }
    if (!asked.has(key)) continue; // answered before an earlier answer changed: no longer asked
    const problem = checkAnswer(q, answer);
    if (problem) {
      problems.push({ path, message: problem });
      continue;
    }
    if ('values' in answer) {
      const choices = new Map((q.choices ?? []).map((c) => [c.value, c]));
      // The rule's reason is said to the customer: the question's context ("a pet at home"), else the choice.
      for (const v of answer.values)
        if (choices.get(v)?.rule === 'pet-safe') rules.push({ kind: 'pet-safe', reason: contexts[key] ?? q.context ?? labelOf(q, v) });
      for (const m of q.maps ?? []) {
        const values =
          q.type === 'vocabulary' ? answer.values : [...new Set(answer.values.flatMap((v) => choices.get(v)?.means?.[m.attribute] ?? []))];
        if (values.length)
          wishes.push({
            attribute: m.attribute,
            values,
            weight: m.weight,
            source: 'answer',
            context: contexts[key] ?? q.context ?? null,
            polarity: m.polarity ?? 'want',
          });
      }
    } else if ('quantity' in answer) quantity = answer.quantity;
    else if ('budget' in answer) budget = { max: answer.budget.max, firm: answer.budget.firm === true };
  }
  return { wishes, rules, budget, quantity, problems };
}

const labelOf = (q: Question, value: string) => q.choices?.find((c) => c.value === value)?.label ?? value;
