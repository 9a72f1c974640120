import type { ColumnType, Generated } from 'kysely';

/** Typed view of the schema in migrations/. Keep in step with the .sql files. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type Role = 'owner' | 'manager' | 'associate' | 'ambassador';

export interface RetailersTable {
  id: string;
  name: string;
  slug: string;
  country: string;
  currency: string;
  locale: string;
  phone_region: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StoresTable {
  retailer_id: string;
  id: string;
  name: string;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  time_zone: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StaffTable {
  retailer_id: string;
  id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  password_hash: string | null;
  pin_hash: string | null;
  active: Generated<boolean>;
  deactivated_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface StaffStoresTable {
  retailer_id: string;
  staff_id: string;
  store_id: string;
}

export interface DevicesTable {
  retailer_id: string;
  id: string;
  store_id: string;
  name: string;
  secret_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
}

export interface LinkedStaff {
  staffId: string;
  retailerId: string;
  retailerName: string;
}

export interface SessionsTable {
  retailer_id: string;
  id: string;
  secret_hash: string;
  staff_id: string;
  device_id: string | null;
  current_store_id: string | null;
  linked: Json<LinkedStaff[]>;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  ended_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface PasswordResetsTable {
  retailer_id: string;
  id: string;
  staff_id: string;
  secret_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ApiTokensTable {
  retailer_id: string;
  id: string;
  name: string;
  role: Role;
  store_ids: ColumnType<string[], string[] | undefined, string[]>;
  all_stores: Generated<boolean>;
  secret_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  retailer_id: string;
  id: string;
  at: Generated<Date>;
  actor_type: 'staff' | 'token' | 'customer' | 'system';
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  store_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_start: Timestamp;
  blocked_until: NullableTimestamp;
}

export interface VocabularyTermsTable {
  retailer_id: string;
  kind: string;
  key: string;
  label: string;
  family: string | null;
  hex: string | null;
  position: Generated<number>;
  archived: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface PreferenceKeysTable {
  retailer_id: string;
  key: string;
  label: string;
  value_type: 'text' | 'number' | 'boolean';
}

type JsonColumn<T> = ColumnType<T, string, string>;

export interface CustomersTable {
  retailer_id: string;
  id: string;
  title: string | null;
  first_name: string;
  last_name: string | null;
  preferred_name: string | null;
  phones: JsonColumn<{ label: string; number: string }[]>;
  emails: JsonColumn<{ label: string; address: string }[]>;
  address: ColumnType<Record<string, string | null> | null, string | null, string | null>;
  household: JsonColumn<unknown[]>;
  dates: JsonColumn<unknown[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  assigned_staff_id: string | null;
  home_store_id: string | null;
  first_visit_at: NullableTimestamp;
  last_visit_at: NullableTimestamp;
  visits: Generated<number>;
  purchases: Generated<number>;
  spend: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
  erased_at: NullableTimestamp;
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
  import_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CustomerSearchTermsTable {
  retailer_id: string;
  term: string;
  customer_id: string;
  home_store_id: ColumnType<string | null, string | null | undefined, string | null>;
  last_visit_at: NullableTimestamp;
}

export interface NameVariantsTable {
  retailer_id: string;
  variant: string;
  token: string;
}

export interface CustomerNotesTable {
  retailer_id: string;
  id: string;
  customer_id: string;
  client_id: string;
  body: string;
  author_id: string;
  store_id: string | null;
  encounter_id: string | null;
  sensitive: ColumnType<unknown | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
}

export interface CustomerNoteRevisionsTable {
  retailer_id: string;
  note_id: string;
  revision: number;
  body: string;
  edited_by: string;
  replaced_at: Generated<Date>;
}

export interface CustomerPreferencesTable {
  retailer_id: string;
  id: string;
  customer_id: string;
  client_id: string;
  key: string;
  value: JsonColumn<unknown>;
  recorded_by: string;
  recorded_at: Generated<Date>;
  encounter_id: string | null;
  removed_at: NullableTimestamp;
  removed_by: string | null;
}

export interface CustomerConsentsTable {
  retailer_id: string;
  id: string;
  customer_id: string;
  channel: 'email' | 'sms' | 'phone' | 'post';
  purpose: 'service' | 'marketing';
  granted: boolean;
  source: string;
  captured_by: string | null;
  captured_at: Generated<Date>;
}

export interface CustomerSavedItemsTable {
  retailer_id: string;
  id: string;
  customer_id: string;
  client_id: string;
  title: string;
  note: string | null;
  product_id: string | null;
  added_by: string | null;
  added_at: Generated<Date>;
}

export interface CustomerDuplicateDismissalsTable {
  retailer_id: string;
  customer_a: string;
  customer_b: string;
  dismissed_by: string | null;
  dismissed_at: Generated<Date>;
}

export interface CustomerMergesTable {
  retailer_id: string;
  id: string;
  survivor_id: string;
  merged_id: string;
  merged_by: string | null;
  merged_at: Generated<Date>;
  survivor_before: JsonColumn<Record<string, unknown>>;
  survivor_after: JsonColumn<Record<string, unknown>>;
  moved: JsonColumn<Record<string, string[]>>;
  unmerged_at: NullableTimestamp;
  unmerged_by: string | null;
}

export interface CustomerImportsTable {
  retailer_id: string;
  id: string;
  file_name: string;
  format: 'shopify' | 'csv' | 'vcard';
  status: 'running' | 'completed' | 'failed';
  started_by: string | null;
  started_at: Generated<Date>;
  finished_at: NullableTimestamp;
  bytes_read: ColumnType<string | number, number | undefined, number>;
  bytes_total: ColumnType<string | number | null, number | null | undefined, number | null>;
  rows: Generated<number>;
  created: Generated<number>;
  matched: Generated<number>;
  empty: Generated<number>;
  failed: Generated<number>;
  errors: ColumnType<{ line: number; reason: string }[], string | undefined, string>;
  message: string | null;
}

export interface DB {
  customer_saved_items: CustomerSavedItemsTable;
  customer_duplicate_dismissals: CustomerDuplicateDismissalsTable;
  customer_merges: CustomerMergesTable;
  customer_imports: CustomerImportsTable;
  vocabulary_terms: VocabularyTermsTable;
  preference_keys: PreferenceKeysTable;
  customers: CustomersTable;
  customer_search_terms: CustomerSearchTermsTable;
  name_variants: NameVariantsTable;
  customer_notes: CustomerNotesTable;
  customer_note_revisions: CustomerNoteRevisionsTable;
  customer_preferences: CustomerPreferencesTable;
  customer_consents: CustomerConsentsTable;
  retailers: RetailersTable;
  stores: StoresTable;
  staff: StaffTable;
  staff_stores: StaffStoresTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  auth_throttle: AuthThrottleTable;
}
