/**
 * Shapes of the customer book shared by the server, the web app, the CLI and the demo generator.
 * The API's JSON schemas (src/server/modules/customers/customers.schemas.ts) follow these.
 */

export const VOCABULARY_KINDS = ['colour', 'style', 'room', 'material', 'occasion', 'size'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/** One word of a retailer's selling vocabulary, always referred to by `key` (e.g. colour "sage"). */
export interface VocabularyTerm {
  kind: VocabularyKind;
  key: string;
  label: string;
  /** Colours only: the palette family key ("green") and a display hex ("#9caf88"). */
  family?: string | null;
  hex?: string | null;
}

export interface Phone {
  label: string;
  /** As the customer gave it, shown back as entered. */
  number: string;
}

export interface Email {
  label: string;
  address: string;
}

export interface Address {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
  country?: string | null;
}

export interface HouseholdMember {
  name: string;
  relation: string;
  giftRecipient?: boolean;
  notes?: string | null;
}

export interface ImportantDate {
  kind: 'birthday' | 'anniversary' | 'custom';
  label?: string | null;
  month: number;
  day: number;
  year?: number | null;
  remind: boolean;
}

/** What is needed to create a customer; everything but a name is optional. */
export interface CustomerInput {
  title?: string | null;
  firstName: string;
  lastName?: string | null;
  preferredName?: string | null;
  phones?: Phone[];
  emails?: Email[];
  address?: Address | null;
  household?: HouseholdMember[];
  dates?: ImportantDate[];
  tags?: string[];
  assignedStaffId?: string | null;
  homeStoreId?: string | null;
}

/** Built-in preference keys; retailers add their own (values `{ value }`) without a migration. */
export const PREFERENCE_KEYS = [
  'room',
  'colour-liked',
  'colour-disliked',
  'style',
  'material',
  'size',
  'occasion',
  'budget',
  'frequency',
  'avoid',
] as const;
export type BuiltInPreferenceKey = (typeof PREFERENCE_KEYS)[number];

/** Value shapes per built-in key. Vocabulary references are keys of the retailer's vocabulary. */
export interface PreferenceValues {
  room: {
    room: string; // vocabulary room key, e.g. "living-room"
    name?: string | null; // the customer's own name for it, e.g. "the snug"
    colours?: string[]; // dominant colours, vocabulary colour keys
    style?: string | null; // vocabulary style key
    furniture?: string[]; // free text, e.g. "oak sideboard"
    size?: 'small' | 'medium' | 'large' | null;
    light?: 'low' | 'medium' | 'bright' | null;
  };
  'colour-liked': { colour: string };
  'colour-disliked': { colour: string };
  style: { style: string };
  material: { material: string };
  size: { size: string };
  occasion: { occasion: string; month?: number | null; day?: number | null };
  budget: { category: string; min?: number | null; max?: number | null };
  frequency: { subject: string; frequency: 'daily' | 'weekly' | 'monthly' | 'occasionally' | 'rarely' };
  avoid: { item: string; reason?: string | null };
}

export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export const CONSENT_PURPOSES = ['service', 'marketing'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
