import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.ts';
import { RoleSchema } from '../auth/auth.schemas.ts';

export const TokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    storeIds: Type.Array(Type.String()),
    allStores: Type.Boolean(),
    createdAt: Timestamp,
    lastUsedAt: Type.Union([Timestamp, Type.Null()]),
    revokedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { title: 'API token' },
);

export const CreatedTokenSchema = Type.Object({
  token: Type.String({ description: 'Send as `Authorization: Bearer <token>`. Shown only this once.' }),
  item: TokenSchema,
});

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    role: RoleSchema,
    storeIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500, uniqueItems: true })),
    allStores: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
