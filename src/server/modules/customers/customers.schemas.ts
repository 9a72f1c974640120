import { type TSchema, Type } from 'typebox';
import { Nullable, StaffRef, Timestamp } from '../../http/schemas.ts';

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
// Unicode local parts (zoë@example.com) are valid addresses; only the overall shape is checked.
const EmailAddress = Type.String({ pattern: '^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$', maxLength: 254, description: 'An e-mail address' });

export const PhoneSchema = Type.Object(
  { label: Type.String({ maxLength: 30 }), number: Type.String({ minLength: 1, maxLength: 40, description: 'As the customer gave it' }) },
  { additionalProperties: false },
);
export const EmailSchema = Type.Object({ label: Type.String({ maxLength: 30 }), address: EmailAddress }, { additionalProperties: false });
export const AddressSchema = Type.Object(
  {
    line1: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    city: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    region: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    postcode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
  },
  { additionalProperties: false },
);
export const HouseholdSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    relation: Type.String({ maxLength: 60 }),
    giftRecipient: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const DateSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('birthday'), Type.Literal('anniversary'), Type.Literal('custom')]),
    label: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
    month: Type.Integer({ minimum: 1, maximum: 12 }),
    day: Type.Integer({ minimum: 1, maximum: 31 }),
    year: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
    remind: Type.Boolean({ description: 'Remind the team every year' }),
  },
  { additionalProperties: false },
);

const profileFields = {
  title: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  firstName: Type.String({ minLength: 1, maxLength: 80 }),
  lastName: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
  preferredName: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
  phones: Type.Optional(Type.Array(PhoneSchema, { maxItems: 10 })),
  emails: Type.Optional(Type.Array(EmailSchema, { maxItems: 10 })),
  address: Type.Optional(Nullable(AddressSchema)),
  household: Type.Optional(Type.Array(HouseholdSchema, { maxItems: 20 })),
  dates: Type.Optional(Type.Array(DateSchema, { maxItems: 20 })),
  tags: Type.Optional(Type.Array(Key, { maxItems: 30, uniqueItems: true })),
  assignedStaffId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  homeStoreId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
};

export const CreateCustomerBody = Type.Object(profileFields, { additionalProperties: false });
export const UpdateCustomerBody = Type.Partial(Type.Object(profileFields), { additionalProperties: false });
export const PreferenceSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  value: Type.Object({}, { additionalProperties: true }),
  recordedBy: StaffRef,
  recordedAt: Timestamp,
  encounterId: Nullable(Type.String()),
});

export const ConsentSchema = Type.Object({
  channel: Type.String(),
  purpose: Type.String(),
  granted: Type.Boolean(),
  source: Type.String(),
  capturedBy: StaffRef,
  capturedAt: Timestamp,
});

export const SavedItemSchema = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    title: Type.String(),
    note: Nullable(Type.String()),
    productId: Nullable(Type.String()),
    addedBy: StaffRef,
    addedAt: Timestamp,
  },
  { title: 'SavedItem' },
);

export const CustomerSchema = Type.Object(
  {
    id: Type.String(),
    title: Nullable(Type.String()),
    firstName: Type.String(),
    lastName: Nullable(Type.String()),
    preferredName: Nullable(Type.String()),
    displayName: Type.String({ description: 'How to address them: preferred name, or title and surname, or first name' }),
    fullName: Type.String(),
    initials: Type.String(),
    phones: Type.Array(PhoneSchema),
    emails: Type.Array(Type.Object({ label: Type.String(), address: Type.String() })),
    address: Nullable(Type.Object({}, { additionalProperties: true })),
    household: Type.Array(Type.Object({}, { additionalProperties: true })),
    dates: Type.Array(Type.Object({}, { additionalProperties: true })),
    tags: Type.Array(Type.String()),
    assignedStaffId: Nullable(Type.String()),
    homeStoreId: Nullable(Type.String()),
    figures: Type.Object({
      firstVisitAt: Nullable(Timestamp),
      lastVisitAt: Nullable(Timestamp),
      visits: Type.Integer(),
      purchases: Type.Integer(),
      spend: Type.Number(),
      averageBasket: Nullable(Type.Number()),
    }),
    preferences: Type.Optional(Type.Array(PreferenceSchema)),
    consents: Type.Optional(Type.Array(ConsentSchema)),
    savedItems: Type.Optional(Type.Array(SavedItemSchema)),
    mergedIntoId: Nullable(Type.String({ description: 'Set while this profile is merged into another' })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    erasedAt: Nullable(Timestamp),
    version: Type.Integer({ description: 'Send as If-Match when saving; a stale one gets 409' }),
  },
  { title: 'Customer' },
);

export const AddSavedItemBody = Type.Object(
  {
    clientId: Type.String({ minLength: 8, maxLength: 64, description: 'Made by the client; sending the same item twice saves it once' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    productId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 100, description: 'Name words, a phone number or its last 4+ digits, or an e-mail' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const SearchResultSchema = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  fullName: Type.String(),
  preferredName: Nullable(Type.String()),
  initials: Type.String(),
  lastVisitAt: Nullable(Timestamp),
  context: Type.String({ description: 'One line that tells people with the same name apart' }),
  match: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('typo')]),
});

export const NoteSchema = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  body: Type.String(),
  author: StaffRef,
  createdAt: Timestamp,
  editedAt: Nullable(Timestamp),
  sensitive: Type.Boolean({ description: 'Saved despite a sensitive-content warning' }),
  canEdit: Type.Boolean(),
});

export const AddNoteBody = Type.Object(
  {
    clientId: Type.String({ minLength: 8, maxLength: 64, description: 'Made by the client; sending the same note twice saves it once' }),
    body: Type.String({ minLength: 1, maxLength: 5000 }),
    acknowledgeSensitive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const EditNoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });

export const TimelineItemSchema = Type.Object({
  type: Type.Union([Type.Literal('note'), Type.Literal('change'), Type.Literal('purchase')]),
  at: Timestamp,
  id: Type.String(),
  actor: StaffRef,
  note: Type.Optional(NoteSchema),
  action: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  sale: Type.Optional(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('sale'), Type.Literal('return')]),
      total: Type.Number(),
      currency: Type.String(),
      store: Type.String(),
      lines: Type.Array(Type.Object({ description: Type.String(), quantity: Type.Integer() })),
    }),
  ),
});

export const AddPreferenceBody = Type.Object(
  {
    clientId: Type.String({ minLength: 8, maxLength: 64 }),
    key: Key,
    value: Type.Object({}, { additionalProperties: true }),
    encounterId: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'The visit it was said in, one of the retailer’s' }))),
  },
  { additionalProperties: false },
);

const VocabKey = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
const Text = (max = 120) => Type.String({ minLength: 1, maxLength: max });

/** The value each built-in preference key takes; retailer-added keys take `{ value }`. */
export const PREFERENCE_VALUE_SCHEMAS: Record<string, TSchema> = {
  room: Type.Object(
    {
      room: VocabKey,
      name: Type.Optional(Nullable(Text(80))),
      colours: Type.Optional(Type.Array(VocabKey, { maxItems: 6, uniqueItems: true })),
      style: Type.Optional(Nullable(VocabKey)),
      furniture: Type.Optional(Type.Array(Text(80), { maxItems: 10 })),
      size: Type.Optional(Nullable(Type.Union([Type.Literal('small'), Type.Literal('medium'), Type.Literal('large')]))),
      light: Type.Optional(Nullable(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('bright')]))),
    },
    { additionalProperties: false },
  ),
  'colour-liked': Type.Object({ colour: VocabKey }, { additionalProperties: false }),
  'colour-disliked': Type.Object({ colour: VocabKey }, { additionalProperties: false }),
  style: Type.Object({ style: VocabKey }, { additionalProperties: false }),
  material: Type.Object({ material: VocabKey }, { additionalProperties: false }),
  size: Type.Object({ size: VocabKey }, { additionalProperties: false }),
  occasion: Type.Object(
    {
      occasion: VocabKey,
      month: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
      day: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 31 }))),
    },
    { additionalProperties: false },
  ),
  budget: Type.Object(
    {
      category: Text(80),
      min: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
      max: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    },
    { additionalProperties: false },
  ),
  frequency: Type.Object(
    {
      subject: Text(80),
      frequency: Type.Union(['daily', 'weekly', 'monthly', 'occasionally', 'rarely'].map((f) => Type.Literal(f))),
    },
    { additionalProperties: false },
  ),
  avoid: Type.Object({ item: Text(80), reason: Type.Optional(Nullable(Text(200))) }, { additionalProperties: false }),
};

export const CustomValueSchema = Type.Object(
  { value: Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]) },
  { additionalProperties: false },
);

export const ConsentBody = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('phone'), Type.Literal('post')]),
    purpose: Type.Union([Type.Literal('service'), Type.Literal('marketing')]),
    granted: Type.Boolean(),
    source: Type.String({ minLength: 1, maxLength: 80, description: 'Where it was given: in store, web form, e-mail reply…' }),
  },
  { additionalProperties: false },
);
