import { Type } from 'typebox';

export const VocabularyKindSchema = Type.Union(
  [
    Type.Literal('colour'),
    Type.Literal('style'),
    Type.Literal('room'),
    Type.Literal('material'),
    Type.Literal('occasion'),
    Type.Literal('size'),
  ],
  { description: 'colour, style, room, material, occasion or size' },
);

export const VocabularyTermSchema = Type.Object(
  {
    kind: VocabularyKindSchema,
    key: Type.String(),
    label: Type.String(),
    family: Type.Union([Type.String(), Type.Null()], { description: 'Colours: the palette family key, e.g. green' }),
    hex: Type.Union([Type.String(), Type.Null()], { description: 'Colours: display colour, e.g. #9caf88' }),
    position: Type.Integer(),
    archived: Type.Boolean(),
  },
  { title: 'Vocabulary term' },
);

export const TermParams = Type.Object({
  kind: VocabularyKindSchema,
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'lower-case words joined by hyphens, e.g. dusty-rose' }),
});

export const PutTermBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 80 }),
    family: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }), Type.Null()])),
    hex: Type.Optional(Type.Union([Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }), Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
