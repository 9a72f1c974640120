/**
 * The question set as the editor holds it while the owner works on it. Questions and choices
 * carry ids of their own, so branching keeps pointing at the right question or choice while keys
 * and values are being typed, moved or renamed; `definitionOf` turns it back into the API's shape.
 */
import type { BuiltInPreferenceKey, VocabularyKind } from '../../../../shared/customers.ts';
import {
  type AnswerType,
  CHOOSING_TYPES,
  type Choice,
  type Question,
  type QuestionSetDefinition,
} from '../../../../shared/domain/question-sets.ts';
import type { MatchAttribute, WishPolarity } from '../../../../shared/domain/recommend.ts';
import { moved, updated } from '../../../ui/editor.ts';
import { toKey } from '../../vocabulary/vocabulary.api.ts';
import { KIND_ATTRIBUTE } from './words.ts';

export interface DraftChoice {
  uid: string;
  value: string;
  /** Until the owner types a value, it follows the label. */
  valueTouched: boolean;
  label: string;
  means: Partial<Record<MatchAttribute, string[]>>;
  petSafe: boolean;
}

export interface DraftMapping {
  uid: string;
  attribute: MatchAttribute;
  /** Blank while the owner is typing. */
  weight: number | '';
  polarity: WishPolarity;
}

export interface DraftBranch {
  /** The uid of the question it depends on, or a key no question has (shown as a mistake). */
  question: string;
  /** Choice uids when that question has choices; vocabulary keys for a vocabulary question. */
  anyOf: string[];
}

export interface DraftQuestion {
  uid: string;
  key: string;
  /** Until the owner types a key, it follows the prompt. */
  keyTouched: boolean;
  prompt: string;
  help: string;
  type: AnswerType;
  vocabulary: VocabularyKind | null;
  /** Kept when the type changes away from a choice, so changing it back loses nothing. */
  choices: DraftChoice[];
  maps: DraftMapping[];
  fills: BuiltInPreferenceKey | null;
  askIf: DraftBranch | null;
  context: string;
  /** Added in this editing session and not yet written in: its mistakes wait until a save is tried. */
  fresh: boolean;
}

export interface Draft {
  name: string;
  purpose: string;
  categories: string[];
  active: boolean;
  questions: DraftQuestion[];
}

let counter = 0;
/** Ids that no key or value typed by an owner is likely to equal. */
const nextUid = (prefix: 'q' | 'c' | 'm') => `§${prefix}${++counter}`;

const takesChoices = (type: AnswerType) => type === 'single' || type === 'multiple';
/** Only answers made of chosen values steer recommendations through mappings. */
export const takesMaps = (type: AnswerType) => CHOOSING_TYPES.includes(type);

export function draftOf(definition: QuestionSetDefinition, active: boolean): Draft {
  const questions = definition.questions.map((q) => ({
    q,
    uid: nextUid('q'),
    choices: (q.choices ?? []).map(
      (c): DraftChoice => ({
        uid: nextUid('c'),
        value: c.value,
        valueTouched: true,
        label: c.label,
        means: { ...(c.means ?? {}) },
        petSafe: c.rule === 'pet-safe',
      }),
    ),
  }));
  const byKey = new Map<string, (typeof questions)[number]>();
  for (const entry of questions) if (!byKey.has(entry.q.key)) byKey.set(entry.q.key, entry);
  return {
    name: definition.name,
    purpose: definition.purpose,
    categories: [...(definition.categories ?? [])],
    active,
    questions: questions.map(({ q, uid, choices }): DraftQuestion => {
      const target = q.askIf ? byKey.get(q.askIf.question) : undefined;
      return {
        uid,
        key: q.key,
        keyTouched: true,
        prompt: q.prompt,
        help: q.help,
        type: q.type,
        vocabulary: q.vocabulary ?? null,
        choices,
        maps: (q.maps ?? []).map((m) => ({ uid: nextUid('m'), attribute: m.attribute, weight: m.weight, polarity: m.polarity ?? 'want' })),
        fills: q.fills ?? null,
        askIf: q.askIf
          ? {
              question: target?.uid ?? q.askIf.question,
              anyOf: q.askIf.anyOf.map((v) => target?.choices.find((c) => c.value === v)?.uid ?? v),
            }
          : null,
        context: q.context ?? '',
        fresh: false,
      };
    }),
  };
}

/** The definition the API takes; text is trimmed, and fields the answer type does not use are left out. */
export function definitionOf(draft: Draft): QuestionSetDefinition {
  const byUid = new Map(draft.questions.map((q) => [q.uid, q]));
  return {
    name: draft.name.trim(),
    purpose: draft.purpose.trim(),
    categories: [...draft.categories],
    questions: draft.questions.map((q): Question => {
      const out: Question = { key: q.key, prompt: q.prompt.trim(), help: q.help.trim(), type: q.type };
      if (q.type === 'vocabulary' && q.vocabulary) out.vocabulary = q.vocabulary;
      if (takesChoices(q.type)) out.choices = q.choices.map(choiceOf);
      if (takesMaps(q.type) && q.maps.length)
        out.maps = q.maps.map((m) => ({
          attribute: m.attribute,
          weight: m.weight === '' ? Number.NaN : m.weight,
          ...(m.polarity === 'want' ? {} : { polarity: m.polarity }),
        }));
      if (q.fills) out.fills = q.fills;
      if (q.askIf) {
        const target = byUid.get(q.askIf.question);
        out.askIf = {
          question: target ? target.key : q.askIf.question,
          anyOf: q.askIf.anyOf.map((v) => target?.choices.find((c) => c.uid === v)?.value ?? v),
        };
      }
      if (q.context.trim()) out.context = q.context.trim();
      return out;
    }),
  };
}

function choiceOf(c: DraftChoice): Choice {
  const means = Object.fromEntries(Object.entries(c.means).filter(([, values]) => values && values.length > 0));
  return {
    value: c.value,
    label: c.label.trim(),
    ...(Object.keys(means).length ? { means } : {}),
    ...(c.petSafe ? { rule: 'pet-safe' as const } : {}),
  };
}

/** What a save sends, as text, to tell whether anything changed since the version it is based on. */
export const fingerprint = (draft: Draft) => JSON.stringify({ ...definitionOf(draft), active: draft.active });

/** A key made from words ("Who are they for?" → "who-are-they-for"), different from the keys in `taken`. */
export function suggestKey(words: string, taken: Iterable<string>): string {
  let key = toKey(words).split('-').filter(Boolean).slice(0, 5).join('-').slice(0, 40).replace(/-+$/, '');
  if (key && !/^[a-z]/.test(key)) key = `q-${key}`;
  if (!key) return '';
  const used = new Set(taken);
  let candidate = key;
  for (let n = 2; used.has(candidate); n++) candidate = `${key}-${n}`;
  return candidate;
}

export function blankQuestion(taken: Iterable<string>): DraftQuestion {
  return {
    uid: nextUid('q'),
    key: suggestKey('question', taken),
    keyTouched: false,
    prompt: '',
    help: '',
    type: 'single',
    vocabulary: null,
    choices: [blankChoice(), blankChoice()],
    maps: [],
    fills: null,
    askIf: null,
    context: '',
    fresh: true,
  };
}

export const blankChoice = (): DraftChoice => ({ uid: nextUid('c'), value: '', valueTouched: false, label: '', means: {}, petSafe: false });

/** A new mapping: the attribute the question's words describe, else the first one not mapped yet. */
export function blankMapping(q: DraftQuestion): DraftMapping {
  const used = new Set(q.maps.map((m) => m.attribute));
  const preferred = q.type === 'vocabulary' && q.vocabulary ? KIND_ATTRIBUTE[q.vocabulary] : null;
  const attribute =
    preferred && !used.has(preferred)
      ? preferred
      : ((['colours', 'styles', 'rooms', 'occasions', 'materials', 'sizes', 'lifespan', 'scent', 'care', 'colourFamilies'] as const).find(
          (a) => !used.has(a),
        ) ?? 'colours');
  return { uid: nextUid('m'), attribute, weight: 1, polarity: 'want' };
}

/** Moves a question up (-1) or down (+1); branching follows it by id. */
export function moveQuestion(draft: Draft, uid: string, delta: -1 | 1): Draft {
  const questions = moved(draft.questions, uid, delta);
  return questions === draft.questions ? draft : { ...draft, questions };
}

/** The questions asked only after an answer to this one. */
export const dependentsOf = (draft: Draft, uid: string) => draft.questions.filter((q) => q.askIf?.question === uid);

/** Removes a question; those asked only after it are then always asked. */
export function removeQuestion(draft: Draft, uid: string): Draft {
  return {
    ...draft,
    questions: draft.questions.filter((q) => q.uid !== uid).map((q) => (q.askIf?.question === uid ? { ...q, askIf: null } : q)),
  };
}

/** Changes one question; a rename of the key or a choice value needs nothing else, since branching refers to ids. */
export function updateQuestion(draft: Draft, uid: string, change: (q: DraftQuestion) => DraftQuestion): Draft {
  return { ...draft, questions: updated(draft.questions, uid, change) };
}

/** Removes a choice, and drops it from the branching of questions that depended on it. */
export function removeChoice(draft: Draft, questionUid: string, choiceUid: string): Draft {
  return {
    ...draft,
    questions: draft.questions.map((q) => {
      if (q.uid === questionUid) return { ...q, choices: q.choices.filter((c) => c.uid !== choiceUid) };
      if (q.askIf?.question === questionUid && q.askIf.anyOf.includes(choiceUid))
        return { ...q, askIf: { ...q.askIf, anyOf: q.askIf.anyOf.filter((v) => v !== choiceUid) } };
      return q;
    }),
  };
}

/**
 * Changes a question's answer type. Questions that branch on it keep their condition only while
 * its answers stay comparable (choices for choices, words of the same kind for words).
 */
export function changeType(draft: Draft, uid: string, type: AnswerType): Draft {
  const before = draft.questions.find((q) => q.uid === uid);
  if (!before || before.type === type) return draft;
  const comparable = takesChoices(before.type) && takesChoices(type);
  return {
    ...draft,
    questions: draft.questions.map((q) => {
      if (q.uid === uid)
        return { ...q, type, choices: takesChoices(type) && q.choices.length === 0 ? [blankChoice(), blankChoice()] : q.choices };
      if (q.askIf?.question === uid && !comparable) return { ...q, askIf: { ...q.askIf, anyOf: [] } };
      return q;
    }),
  };
}

/** Changes the kind of words a vocabulary question picks; words chosen for branching on it no longer apply. */
export function changeVocabulary(draft: Draft, uid: string, kind: VocabularyKind | null): Draft {
  return {
    ...draft,
    questions: draft.questions.map((q) => {
      if (q.uid === uid) return { ...q, vocabulary: kind };
      if (q.askIf?.question === uid) return { ...q, askIf: { ...q.askIf, anyOf: [] } };
      return q;
    }),
  };
}
