import { type TLiteral, type TSchema, type TUnion, Type } from 'typebox';

/** `{ error: { code, message, fields? } }`, the shape of every failure. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: Type.String({ description: 'A sentence for people' }),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
      details: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Extra facts, e.g. the current record on a 409' })),
    }),
  },
  { $id: 'ErrorResponse', title: 'Error' },
);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `fields` names each field at fault',
  401: 'Not signed in, or the credentials are wrong',
  403: 'Your role does not allow this',
  404: 'Not found (including anything belonging to another retailer)',
  409: 'Conflicts with the current state (duplicate, stale version)',
  413: 'Body too large',
  422: 'Looks sensitive; send again with acknowledgeSensitive to save anyway',
  428: 'Send If-Match with the version you edited',
  429: 'Too many attempts; see Retry-After',
  503: 'The database is not answering',
};

/** Response schemas for a route: the success ones plus the listed error statuses. */
export function responses(success: Record<number, TSchema>, errors: number[] = [400, 401, 403]) {
  const out: Record<number, TSchema> = { ...success };
  for (const status of errors) {
    out[status] = Type.Ref('ErrorResponse', { description: ERROR_DESCRIPTIONS[status] }) as unknown as TSchema;
  }
  return out;
}

export const NoContent = Type.Null({ description: 'No content' });

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

export const Timestamp = Type.String({ format: 'date-time' });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A staff member as shown beside what they did: who wrote, recorded, merged … */
export const StaffRef = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));

/** Cursor pagination for lists: `?limit=50&cursor=…`. */
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 60 })),
});

export function page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page' }),
  });
}

export const Email = Type.String({ format: 'email', maxLength: 254, description: 'An e-mail address' });
export const Password = Type.String({ minLength: 8, maxLength: 200, description: 'At least 8 characters' });
export const Pin = Type.String({ pattern: '^[0-9]{4,8}$', description: '4 to 8 digits' });

/** One of a list of words, e.g. the answer types: a union of literals typed as the list. */
export const Literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
