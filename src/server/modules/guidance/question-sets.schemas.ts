import { Type } from 'typebox';
import { PREFERENCE_KEYS, VOCABULARY_KINDS } from '../../../shared/customers.ts';
import { ANSWER_TYPES } from '../../../shared/domain/question-sets.ts';
import { MATCH_ATTRIBUTES, WISH_POLARITIES } from '../../../shared/domain/recommend.ts';
import { Literals, Nullable, Timestamp } from '../../http/schemas.ts';

const Text = (maxLength: number) => Type.String({ maxLength });
const Values = Type.Array(Type.String({ minLength: 1, maxLength: 63 }), { maxItems: 40 });

const ChoiceSchema = Type.Object({
  value: Type.String({ minLength: 1, maxLength: 63 }),
  label: Type.String({ minLength: 1, maxLength: 120 }),
  means: Type.Optional(Type.Partial(Type.Record(Literals(MATCH_ATTRIBUTES), Values))),
  rule: Type.Optional(Type.Literal('pet-safe')),
});

const QuestionSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 63 }),
  prompt: Text(300),
  help: Text(1000),
  type: Literals(ANSWER_TYPES),
  vocabulary: Type.Optional(Literals(VOCABULARY_KINDS)),
  choices: Type.Optional(Type.Array(ChoiceSchema, { maxItems: 40 })),
  maps: Type.Optional(
    Type.Array(
      Type.Object({
        attribute: Literals(MATCH_ATTRIBUTES),
        weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
        polarity: Type.Optional(Literals(WISH_POLARITIES)),
      }),
      { maxItems: 10 },
    ),
  ),
  fills: Type.Optional(Nullable(Literals(PREFERENCE_KEYS))),
  askIf: Type.Optional(Nullable(Type.Object({ question: Type.String({ maxLength: 63 }), anyOf: Values }))),
  context: Type.Optional(Nullable(Text(120))),
});

/** A question set as written by its owner (`QuestionSetDefinition`). */
export const QuestionSetBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    purpose: Text(300),
    categories: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
        maxItems: 40,
        description: 'Category paths recommendations come from ("Soft furnishings/Cushions"), sub-categories included; none for all',
      }),
    ),
    questions: Type.Array(QuestionSchema, { minItems: 1, maxItems: 60 }),
  },
  { title: 'QuestionSetDefinition' },
);

export const QuestionSetSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    active: Type.Boolean(),
    version: Type.Integer({ description: 'The version shown; each save makes a new one' }),
    currentVersion: Type.Integer(),
    definition: QuestionSetBody,
    updatedAt: Timestamp,
  },
  { title: 'QuestionSet' },
);

export const QuestionSetSummarySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    purpose: Type.String(),
    active: Type.Boolean(),
    version: Type.Integer(),
    questions: Type.Integer(),
    updatedAt: Timestamp,
  },
  { title: 'QuestionSetSummary' },
);
