import { Type } from 'typebox';
import { Email, Password, Timestamp } from '../../http/schemas.ts';
import { RoleSchema } from '../auth/auth.schemas.ts';

export const StaffSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    title: Type.Union([Type.String(), Type.Null()], { description: 'Job title as shown to colleagues, e.g. Security officer' }),
    storeIds: Type.Array(Type.String()),
    active: Type.Boolean(),
    hasPin: Type.Boolean(),
    deactivatedAt: Type.Union([Timestamp, Type.Null()]),
    createdAt: Timestamp,
    version: Type.Integer({ description: 'Send back when updating; a stale version is refused with 409' }),
  },
  { title: 'Staff member' },
);

const Name = Type.String({ minLength: 1, maxLength: 120 });
const Title = Type.Union([Type.String({ maxLength: 80 }), Type.Null()]);
const StoreIds = Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500, uniqueItems: true });

export const CreateStaffBody = Type.Object(
  {
    name: Name,
    email: Email,
    role: RoleSchema,
    title: Type.Optional(Title),
    storeIds: StoreIds,
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);

export const UpdateStaffBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Name),
    email: Type.Optional(Email),
    role: Type.Optional(RoleSchema),
    title: Type.Optional(Title),
    storeIds: Type.Optional(StoreIds),
  },
  { additionalProperties: false },
);

export const StaffListQuery = Type.Object({
  storeId: Type.Optional(Type.String({ maxLength: 40 })),
  includeInactive: Type.Optional(Type.Boolean()),
});

export const ResetLinkSchema = Type.Object({ url: Type.String(), expiresAt: Timestamp });
