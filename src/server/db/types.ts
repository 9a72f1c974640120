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

export interface DB {
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
