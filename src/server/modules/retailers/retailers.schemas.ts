import { Type } from 'typebox';

export const RetailerSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    slug: Type.String(),
    country: Type.String({ description: 'ISO 3166 country code, e.g. GB' }),
    currency: Type.String({ description: 'ISO 4217 currency code, e.g. GBP' }),
    locale: Type.String({ description: 'BCP 47 locale for dates and numbers, e.g. en-GB' }),
    phoneRegion: Type.String({ description: 'Region assumed for phone numbers written without a country code' }),
  },
  { title: 'Retailer' },
);

export const UpdateRetailerBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    locale: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
    phoneRegion: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);
