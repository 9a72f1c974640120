import { Type } from 'typebox';

const Address = Type.Object(
  {
    line1: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    line2: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    city: Type.Union([Type.String({ maxLength: 120 }), Type.Null()]),
    postcode: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
    country: Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const StoreSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    address: Address,
    latitude: Type.Union([Type.Number(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
    timeZone: Type.String({ description: 'IANA time zone, e.g. Europe/London' }),
    gestureBudget: Type.Number({ description: 'What the store may spend on gestures of surprise and delight in a month' }),
  },
  { title: 'Store' },
);

const storeFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  address: Type.Optional(Type.Partial(Address)),
  latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
  longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  gestureBudget: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
};

export const CreateStoreBody = Type.Object(storeFields, { additionalProperties: false });
export const UpdateStoreBody = Type.Partial(Type.Object(storeFields), { additionalProperties: false });
