import type { Permission } from './domain/roles.ts';

/** What a file brings in. Each kind has its own upload route and the same run reports. */
export const IMPORT_KINDS = ['customers', 'products', 'stock', 'sales', 'reviews'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Shopify exports, a mapped or headed CSV, vCard contacts, or a till history in the Online Retail layout. */
export const IMPORT_FILE_FORMATS = ['shopify', 'csv', 'vcard', 'online-retail'] as const;
export type ImportFileFormat = (typeof IMPORT_FILE_FORMATS)[number];

/** The permission that lets a person run, list and read imports of each kind. */
export const IMPORT_PERMISSION: Record<ImportKind, Permission> = {
  customers: 'customers.bulk',
  products: 'catalog.edit',
  stock: 'stock.move',
  sales: 'sales.import',
  // Reviews name the catalog's products, and whoever keeps the catalog maps them.
  reviews: 'catalog.edit',
};

/** Figures of a run beyond rows, created, matched, empty and failed, by kind. */
export interface ImportDetails {
  /** Products: variants added with the new products. */
  variants?: number;
  /** Sales: invoices read (sales and returns). */
  invoices?: number;
  /** Sales: products and customers the history named that the shop did not have yet. */
  products?: number;
  customers?: number;
  /** Reviews: rows kept whose product was found in the catalog, and those that were not. */
  mapped?: number;
  unmapped?: number;
  /** Reviews: the file's product ids not found in the catalog with most reviews first (up to 20), to write a mapping from. */
  unmappedProducts?: { ref: string; reviews: number }[];
}
