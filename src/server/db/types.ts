import type { ColumnType, Generated } from 'kysely';
import type { MovementReason, ProductImage, ProductStatus, SellingAttributes } from '../../shared/catalog.ts';
import type { Answer, QuestionSetDefinition } from '../../shared/domain/question-sets.ts';
import type { RoadmapDefinition } from '../../shared/domain/roadmap.ts';
import type { ImportDetails, ImportFileFormat, ImportKind } from '../../shared/imports.ts';

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
  allow_negative_stock: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  contact_cap_messages: Generated<number>;
  contact_cap_days: Generated<number>;
  feedback_delay_minutes: Generated<number>;
  feedback_limit_days: Generated<number>;
  feedback_link_days: Generated<number>;
  brand_colour: Generated<string>;
  feedback_watch_words: Generated<string[]>;
  /** The chromatic family pairs that go together, or null for the default (`DEFAULT_HARMONY_PAIRS`). */
  colour_harmony: ColumnType<[string, string][] | null, string | null | undefined, string | null>;
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
  gesture_budget: ColumnType<number, number | undefined, number>;
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
  session_id: string | null;
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

export interface ImportLine {
  line: number;
  reason: string;
}

export interface ImportsTable {
  retailer_id: string;
  id: string;
  kind: ImportKind;
  file_name: string;
  format: ImportFileFormat;
  store_id: string | null;
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
  details: Json<ImportDetails>;
  errors: Json<ImportLine[]>;
  warnings: Json<ImportLine[]>;
  message: string | null;
}

export interface QuestionSetsTable {
  retailer_id: string;
  id: string;
  name: string;
  active: Generated<boolean>;
  current_version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface QuestionSetVersionsTable {
  retailer_id: string;
  set_id: string;
  version: number;
  definition: Json<QuestionSetDefinition>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CategoriesTable {
  retailer_id: string;
  id: string;
  parent_id: string | null;
  name: string;
  low_stock_threshold: number | null;
  position: Generated<number>;
}

export interface ProductAttributeKeysTable {
  retailer_id: string;
  key: string;
  label: string;
  value_type: 'text' | 'number' | 'boolean' | 'vocabulary';
  help: Generated<string>;
  /** The vocabulary a `vocabulary` attribute's keys come from. */
  vocabulary_kind: 'colour' | 'style' | 'room' | 'material' | 'occasion' | 'size' | null;
  created_at: Generated<Date>;
}

export interface ProductsTable {
  retailer_id: string;
  id: string;
  handle: string;
  title: string;
  description: Generated<string>;
  category_id: string | null;
  status: Generated<ProductStatus>;
  attributes: Json<SellingAttributes>;
  filter_attributes: Json<Record<string, unknown>>;
  images: Json<ProductImage[]>;
  low_stock_threshold: number | null;
  search: ColumnType<string, string | undefined, string>;
  /** Stores where some variant has units on hand; kept by triggers on stock_levels (0007), never written by the app. */
  in_stock_store_ids: Generated<string[]>;
  units_sold: Generated<number>;
  price_from: number | null;
  import_key: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VariantsTable {
  retailer_id: string;
  id: string;
  product_id: string;
  title: string;
  options: Json<Record<string, string>>;
  sku: string | null;
  barcode: string | null;
  price: number;
  unit_cost: number | null;
  attributes: Json<SellingAttributes>;
  position: Generated<number>;
  retired: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BundleComponentsTable {
  retailer_id: string;
  bundle_id: string;
  component_id: string;
  quantity: number;
}

export interface ProductPairingsTable {
  retailer_id: string;
  product_id: string;
  paired_id: string;
}

export interface StockLevelsTable {
  retailer_id: string;
  store_id: string;
  variant_id: string;
  on_hand: Generated<number>;
  updated_at: Generated<Date>;
}

export interface StockMovementsTable {
  retailer_id: string;
  id: string;
  store_id: string;
  variant_id: string;
  quantity: number;
  reason: MovementReason;
  sale_id: string | null;
  delivery_id: string | null;
  transfer_id: string | null;
  note: string | null;
  staff_id: string | null;
  created_at: Generated<Date>;
}

export interface StockHoldsTable {
  retailer_id: string;
  id: string;
  store_id: string;
  variant_id: string;
  customer_id: string | null;
  quantity: number;
  expires_at: Timestamp;
  status: Generated<'active' | 'released' | 'sold'>;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: NullableTimestamp;
  session_id: string | null;
  basket_line_id: string | null;
}

export interface StockDeliveriesTable {
  retailer_id: string;
  id: string;
  store_id: string;
  variant_id: string;
  quantity: number;
  expected_at: Timestamp;
  status: Generated<'expected' | 'received' | 'cancelled'>;
  received_at: NullableTimestamp;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SalesTable {
  retailer_id: string;
  id: string;
  kind: 'sale' | 'return';
  store_id: string;
  staff_id: string | null;
  customer_id: string | null;
  visit_id: string | null;
  external_id: string | null;
  original_sale_id: string | null;
  sold_at: Timestamp;
  currency: string;
  total: number;
  discount_total: Generated<number>;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  /** ISO 3166 code of where it was sold: the invoice's country in a history, else the store's. */
  country: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SaleLinesTable {
  retailer_id: string;
  sale_id: string;
  line_no: number;
  variant_id: string | null;
  description: string;
  sku: string | null;
  quantity: number;
  unit_price: number;
  discount: Generated<number>;
  total: number;
  returns_line: number | null;
  backordered: Generated<number>;
  restocked: Generated<boolean>;
}

export interface VariantSalesTotalsTable {
  retailer_id: string;
  variant_id: string;
  units: Generated<number>;
}

export interface GuidanceSessionsTable {
  retailer_id: string;
  id: string;
  client_id: string | null;
  set_id: string;
  set_version: number;
  store_id: string;
  staff_id: string | null;
  customer_id: string | null;
  category_id: string | null;
  encounter_id: string | null;
  answers: ColumnType<Record<string, Answer>, string | undefined, string>;
  skipped: ColumnType<string[], string | undefined, string>;
  /** Question key → when it was first answered (ISO). */
  answered_at: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface GuidanceListsTable {
  retailer_id: string;
  id: string;
  session_id: string;
  staff_id: string | null;
  set_version: number;
  inputs: Json<unknown>;
  budget: ColumnType<{ max: number; firm: boolean } | null, string | null, string | null>;
  quantity: number;
  result: Json<unknown>;
  main_max_total: number | null;
  shown_at: Generated<Date>;
  kind: Generated<'recommend' | 'compare'>;
}

export interface GuidanceBasketLinesTable {
  retailer_id: string;
  id: string;
  session_id: string;
  client_id: string;
  variant_id: string;
  quantity: number;
  unit_price: number;
  list_id: string | null;
  added_by: string | null;
  added_at: Generated<Date>;
  removed_at: NullableTimestamp;
  removed_by: string | null;
}

export interface RuleRunsTable {
  retailer_id: string;
  id: string;
  selection: string;
  country: string | null;
  store_id: string | null;
  min_support: number;
  min_confidence: number;
  min_lift: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  is_current: Generated<boolean>;
  sales_total: Generated<number>;
  baskets: Generated<number>;
  items: Generated<number>;
  itemsets: Generated<number>;
  rules: Generated<number>;
  started_by: string | null;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  error: string | null;
  /** While it runs: the phase and how far through it, e.g. { phase: 'reading', done: 4000, of: 18532 }. */
  progress: ColumnType<{ phase: string; done: number; of: number } | null, string | null | undefined, string | null>;
}

export interface AssociationRulesTable {
  retailer_id: string;
  run_id: string;
  position: number;
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number;
  basket_count: number;
  antecedent_count: number;
  consequent_count: number;
}

export interface JobsTable {
  retailer_id: string;
  id: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Generated<Date>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export interface OutboxMessagesTable {
  retailer_id: string;
  id: string;
  message_key: string;
  channel: 'email';
  purpose: 'service' | 'marketing';
  customer_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<'queued' | 'sent' | 'suppressed' | 'failed'>;
  reason: string | null;
  job_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
}

export interface RoadmapsTable {
  retailer_id: string;
  id: string;
  name: string;
  current_version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RoadmapVersionsTable {
  retailer_id: string;
  roadmap_id: string;
  version: number;
  definition: ColumnType<RoadmapDefinition, string, string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EncountersTable {
  retailer_id: string;
  id: string;
  client_id: string;
  store_id: string;
  customer_id: string | null;
  roadmap_id: string;
  roadmap_version: number;
  lead_staff_id: string | null;
  arrived_at: NullableTimestamp;
  started_at: Generated<Date>;
  status: Generated<'open' | 'closed'>;
  closed_at: NullableTimestamp;
  version: Generated<number>;
  updated_at: Generated<Date>;
  outcome: 'sale' | 'special-order' | 'no-sale' | null;
  no_sale_reason: string | null;
  sale_id: string | null;
  closed_by: string | null;
  /** Set while a close with a sale is under way; another close is refused meanwhile. */
  closing_since: NullableTimestamp;
}

export interface SpecialOrdersTable {
  retailer_id: string;
  id: string;
  encounter_id: string;
  store_id: string;
  customer_id: string | null;
  fulfilment: 'delivery' | 'collection';
  due_on: ColumnType<string, string, string>;
  recipient: string | null;
  address: ColumnType<Record<string, string | null> | null, string | null, string | null>;
  card_message: string | null;
  deposit: ColumnType<number, number | undefined, number>;
  lines: ColumnType<{ variantId: string; quantity: number; unitPrice: number }[], string, string>;
  status: Generated<'open' | 'fulfilled' | 'cancelled'>;
  sale_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  fulfilled_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface GesturesTable {
  retailer_id: string;
  id: string;
  client_id: string;
  encounter_id: string;
  store_id: string;
  customer_id: string | null;
  kind: 'extra-blooms' | 'free-sample' | 'gift-wrap' | 'other';
  description: string;
  cost: ColumnType<number, number, number>;
  given_by: string | null;
  given_at: Timestamp;
}

export interface LostDemandTable {
  retailer_id: string;
  id: string;
  client_id: string;
  store_id: string;
  encounter_id: string | null;
  session_id: string | null;
  customer_id: string | null;
  variant_id: string | null;
  description: string;
  quantity: number;
  outcome: 'substituted' | 'other-store' | 'ordered' | 'lost';
  substitute_variant_id: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface FollowUpsTable {
  retailer_id: string;
  id: string;
  client_id: string;
  store_id: string;
  encounter_id: string | null;
  customer_id: string | null;
  kind: 'thank-you' | 'after-delivery' | 'back-in-stock' | 'anniversary' | 'feedback' | 'other';
  channel: 'email' | 'phone' | 'in-person';
  title: string;
  assignee_id: string | null;
  due_at: NullableTimestamp;
  variant_id: string | null;
  message_id: string | null;
  status: Generated<'open' | 'done' | 'cancelled'>;
  outcome: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  done_at: NullableTimestamp;
  done_by: string | null;
  feedback_response_id: Generated<string | null>;
}

export interface FeedbackRequestsTable {
  retailer_id: string;
  id: string;
  encounter_id: string;
  store_id: string;
  customer_id: string | null;
  staff_ids: Generated<string[]>;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  first_opened_at: NullableTimestamp;
}

export interface FeedbackLinksTable {
  token_hash: string;
  retailer_id: string;
  request_id: string;
  channel: 'qr' | 'email' | 'receipt';
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
  message_id: string | null;
}

export interface FeedbackResponsesTable {
  retailer_id: string;
  id: string;
  kind: 'visit' | 'imported';
  request_id: string | null;
  encounter_id: string | null;
  store_id: string | null;
  customer_id: string | null;
  staff_ids: Generated<string[]>;
  satisfaction: number | null;
  expectations: 'not-met' | 'met' | 'exceeded' | null;
  listened: boolean | null;
  felt_rushed: boolean | null;
  in_stock: boolean | null;
  comment: string | null;
  may_contact: boolean | null;
  poor: Generated<boolean>;
  product_id: string | null;
  source: string | null;
  source_ref: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EncounterStaffTable {
  retailer_id: string;
  id: string;
  encounter_id: string;
  client_id: string;
  staff_id: string;
  role: 'lead' | 'assist';
  joined_at: Generated<Date>;
}

export interface EncounterSpaceTable {
  retailer_id: string;
  encounter_id: string;
  client_id: string;
  started_at: Timestamp;
  end_client_id: string | null;
  ended_at: NullableTimestamp;
  staff_id: string | null;
}

export interface EncounterStepsTable {
  retailer_id: string;
  id: string;
  encounter_id: string;
  client_id: string;
  step_key: string;
  status: 'done' | 'skipped';
  at: Timestamp;
  staff_id: string | null;
}

export interface EncounterNotesTable {
  retailer_id: string;
  id: string;
  encounter_id: string;
  client_id: string;
  staff_id: string | null;
  text: string;
  at: Generated<Date>;
}

export interface DB {
  roadmaps: RoadmapsTable;
  roadmap_versions: RoadmapVersionsTable;
  encounters: EncountersTable;
  special_orders: SpecialOrdersTable;
  gestures: GesturesTable;
  follow_ups: FollowUpsTable;
  feedback_requests: FeedbackRequestsTable;
  feedback_links: FeedbackLinksTable;
  feedback_responses: FeedbackResponsesTable;
  lost_demand: LostDemandTable;
  encounter_space: EncounterSpaceTable;
  encounter_staff: EncounterStaffTable;
  encounter_steps: EncounterStepsTable;
  encounter_notes: EncounterNotesTable;
  jobs: JobsTable;
  outbox_messages: OutboxMessagesTable;
  categories: CategoriesTable;
  product_attribute_keys: ProductAttributeKeysTable;
  products: ProductsTable;
  variants: VariantsTable;
  bundle_components: BundleComponentsTable;
  product_pairings: ProductPairingsTable;
  stock_levels: StockLevelsTable;
  stock_movements: StockMovementsTable;
  stock_holds: StockHoldsTable;
  stock_deliveries: StockDeliveriesTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  customer_saved_items: CustomerSavedItemsTable;
  customer_duplicate_dismissals: CustomerDuplicateDismissalsTable;
  customer_merges: CustomerMergesTable;
  imports: ImportsTable;
  question_sets: QuestionSetsTable;
  question_set_versions: QuestionSetVersionsTable;
  variant_sales_totals: VariantSalesTotalsTable;
  guidance_sessions: GuidanceSessionsTable;
  guidance_lists: GuidanceListsTable;
  guidance_basket_lines: GuidanceBasketLinesTable;
  rule_runs: RuleRunsTable;
  association_rules: AssociationRulesTable;
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
