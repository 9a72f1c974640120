import { Type } from 'typebox';
import { ATTRIBUTE_VALUE_TYPES, CARE_LEVELS, LIFESPANS, PRODUCT_STATUSES, SCENTS } from '../../../shared/catalog.ts';
import { Literals, Nullable, Timestamp } from '../../http/schemas.ts';
import { VocabularyKindSchema } from '../vocabulary/vocabulary.schemas.ts';

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'A vocabulary key' });
const Keys = Type.Array(Key, { maxItems: 20, uniqueItems: true });
const MonthDay = Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: 'MM-DD' });
/** A price or amount in the retailer's currency: a number with at most two decimals. */
export const Money = Type.Number({ minimum: 0, maximum: 10_000_000, multipleOf: 0.01 });
const Cm = Type.Number({ exclusiveMinimum: 0, maximum: 10_000 });

export const SellingAttributesSchema = Type.Object(
  {
    colours: Type.Optional(Keys),
    styles: Type.Optional(Keys),
    materials: Type.Optional(Keys),
    rooms: Type.Optional(Keys),
    occasions: Type.Optional(Keys),
    sizes: Type.Optional(Keys),
    season: Type.Optional(Nullable(Type.Object({ from: MonthDay, to: MonthDay }, { additionalProperties: false }))),
    dimensions: Type.Optional(
      Nullable(
        Type.Object(
          { widthCm: Type.Optional(Cm), depthCm: Type.Optional(Cm), heightCm: Type.Optional(Cm) },
          { additionalProperties: false },
        ),
      ),
    ),
    care: Type.Optional(Nullable(Literals(CARE_LEVELS))),
    scent: Type.Optional(Nullable(Literals(SCENTS))),
    lifespan: Type.Optional(Nullable(Literals(LIFESPANS))),
    petSafe: Type.Optional(Nullable(Type.Boolean())),
    custom: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
        Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Keys]),
        { maxProperties: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);

const ImageSchema = Type.Object(
  {
    url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000, description: 'An http(s) address' }),
    alt: Type.String({ maxLength: 300 }),
  },
  { additionalProperties: false },
);

/** Most variants one product may have: enough for size × colour grids, few enough to choose from on a tablet. */
export const MAX_VARIANTS = 250;

export const VariantInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    options: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 60 }), Type.String({ maxLength: 120 }))),
    sku: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 80 }))),
    barcode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{8,14}$', description: 'EAN/UPC digits' }))),
    price: Money,
    unitCost: Type.Optional(Nullable(Money)),
    attributes: Type.Optional(SellingAttributesSchema),
    retired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ProductFields = {
  handle: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$', description: 'Unique name in addresses and imports' })),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  categoryId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  status: Type.Optional(Literals(PRODUCT_STATUSES)),
  attributes: Type.Optional(SellingAttributesSchema),
  images: Type.Optional(Type.Array(ImageSchema, { maxItems: 20 })),
  lowStockThreshold: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000 }))),
  pairsWith: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50, uniqueItems: true })),
};

export const CreateProductBody = Type.Object(
  { ...ProductFields, variants: Type.Array(VariantInput, { minItems: 1, maxItems: MAX_VARIANTS }) },
  { additionalProperties: false },
);

export const UpdateProductBody = Type.Partial(Type.Object(ProductFields, { additionalProperties: false }), {
  additionalProperties: false,
});

export const UpdateVariantBody = Type.Partial(VariantInput, { additionalProperties: false });

export const ComponentsBody = Type.Object(
  {
    components: Type.Array(
      Type.Object(
        { variantId: Type.String({ maxLength: 40 }), quantity: Type.Integer({ minimum: 1, maximum: 1000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const VariantSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  title: Type.String(),
  options: Type.Record(Type.String(), Type.String()),
  sku: Nullable(Type.String()),
  barcode: Nullable(Type.String()),
  price: Type.Number(),
  unitCost: Type.Optional(Nullable(Type.Number({ description: 'Only for roles that may see margins' }))),
  attributes: SellingAttributesSchema,
  retired: Type.Boolean(),
  components: Type.Array(Type.Object({ variantId: Type.String(), title: Type.String(), quantity: Type.Integer() })),
});

export const ProductSchema = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  title: Type.String(),
  description: Type.String(),
  category: Nullable(Type.Object({ id: Type.String(), name: Type.String(), path: Type.Array(Type.String()) })),
  status: Literals(PRODUCT_STATUSES),
  kind: Type.Union([Type.Literal('item'), Type.Literal('bundle')]),
  attributes: SellingAttributesSchema,
  images: Type.Array(ImageSchema),
  lowStockThreshold: Nullable(Type.Integer()),
  pairsWith: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  variants: Type.Array(VariantSchema),
  version: Type.Integer(),
  updatedAt: Timestamp,
});

export const ProductSummarySchema = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  title: Type.String(),
  status: Literals(PRODUCT_STATUSES),
  category: Nullable(Type.String()),
  priceFrom: Type.Number(),
  priceTo: Type.Number(),
  variants: Type.Integer(),
  image: Nullable(ImageSchema),
  colours: Type.Array(Type.String()),
  /** Available units in the store asked about (all variants), when one was given. */
  available: Nullable(Type.Integer()),
});

export const ProductQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  categoryId: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Literals(PRODUCT_STATUSES)),
  colour: Type.Optional(Key),
  colourFamily: Type.Optional(Key),
  style: Type.Optional(Key),
  material: Type.Optional(Key),
  room: Type.Optional(Key),
  occasion: Type.Optional(Key),
  size: Type.Optional(Key),
  lifespan: Type.Optional(Literals(LIFESPANS)),
  petSafe: Type.Optional(Type.Boolean()),
  storeId: Type.Optional(Type.String({ maxLength: 40 })),
  inStock: Type.Optional(Type.Boolean({ description: 'Only products with units available in storeId' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});

export const CategoryInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    parentId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    lowStockThreshold: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000 }))),
  },
  { additionalProperties: false },
);

export const CategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
  path: Type.Array(Type.String()),
  lowStockThreshold: Nullable(Type.Integer()),
});

const AttributeKeyName = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'Lower-case words joined by hyphens, e.g. stem-length; fixed once declared',
});

const AttributeKeyFields = {
  label: Type.String({ minLength: 1, maxLength: 80 }),
  valueType: Literals(ATTRIBUTE_VALUE_TYPES),
  vocabularyKind: Type.Optional(Nullable(VocabularyKindSchema)),
  help: Type.Optional(Type.String({ maxLength: 300, description: 'Shown to whoever fills the attribute in' })),
};

export const CreateAttributeKeyBody = Type.Object({ key: AttributeKeyName, ...AttributeKeyFields }, { additionalProperties: false });

export const UpdateAttributeKeyBody = Type.Partial(Type.Object(AttributeKeyFields, { additionalProperties: false }), {
  additionalProperties: false,
});

export const AttributeKeyParams = Type.Object({ key: AttributeKeyName });

export const AttributeKeySchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  valueType: Literals(ATTRIBUTE_VALUE_TYPES),
  vocabularyKind: Nullable(VocabularyKindSchema),
  help: Type.String(),
});
