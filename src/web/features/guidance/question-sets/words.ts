import { CARE_LEVELS, LIFESPANS, SCENTS } from '../../../../shared/catalog.ts';
import type { VocabularyKind } from '../../../../shared/customers.ts';
import type { AnswerType } from '../../../../shared/domain/question-sets.ts';
import type { MatchAttribute } from '../../../../shared/domain/recommend.ts';
import { LIFESPAN_LABEL } from '../../catalog/words.ts';

/** Answer types as an owner reads them in the editor. */
export const ANSWER_TYPE_LABEL: Record<AnswerType, string> = {
  single: 'One choice',
  multiple: 'Several choices',
  vocabulary: 'Vocabulary words',
  number: 'A number',
  quantity: 'How many they need',
  budget: 'A budget',
  text: 'In their own words',
};

/** Product attributes an answer can be about. */
export const ATTRIBUTE_LABEL: Record<MatchAttribute, string> = {
  colours: 'Colours',
  colourFamilies: 'Colour families',
  styles: 'Styles',
  materials: 'Materials',
  rooms: 'Rooms',
  occasions: 'Occasions',
  sizes: 'Sizes',
  lifespan: 'How long it lasts',
  scent: 'Scent',
  care: 'Care needed',
};

/** The attribute a vocabulary question's words describe, offered first when mapping it. */
export const KIND_ATTRIBUTE: Record<VocabularyKind, MatchAttribute> = {
  colour: 'colours',
  style: 'styles',
  room: 'rooms',
  material: 'materials',
  occasion: 'occasions',
  size: 'sizes',
};

/** Attributes whose values are words of the retailer's vocabulary. */
export const ATTRIBUTE_KIND: Partial<Record<MatchAttribute, VocabularyKind>> = {
  colours: 'colour',
  styles: 'style',
  materials: 'material',
  rooms: 'room',
  occasions: 'occasion',
  sizes: 'size',
};

/** The fixed values of the attributes that are not vocabulary words. */
export const FIXED_VALUES: Partial<Record<MatchAttribute, { value: string; label: string }[]>> = {
  lifespan: LIFESPANS.map((v) => ({ value: v, label: LIFESPAN_LABEL[v] })),
  scent: SCENTS.map((v) => ({ value: v, label: { none: 'None', light: 'Light', strong: 'Strong' }[v] })),
  care: CARE_LEVELS.map((v) => ({ value: v, label: { none: 'None', easy: 'Easy', moderate: 'Some', demanding: 'Demanding' }[v] })),
};

/** "Is empty" from "is empty": the checker's messages start in lower case, as the end of a sentence. */
export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "1 question", "3 questions". */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
