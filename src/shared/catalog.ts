/**
 * Shapes of the catalog: products and their variants described for selling (vocabulary keys and
 * facts a recommendation can reason about), stock, and sales. Shared by the server, the web app,
 * the demo and the imports.
 */

import type { VocabularyKind } from './customers.ts';

/**
 * How an item is named everywhere: "Ranunculus — White"; a product whose only variant is a default
 * one ("Default Title", "Standard", "One size", or its own name) is just the product.
 */
export function variantLabel(product: string, variant?: string | null): string {
  const p = product.trim();
  const v = variant?.trim();
  return !v || /^(default( title)?|standard|one size)$/i.test(v) || v === p ? p : `${p} — ${v}`;
}

export const PRODUCT_STATUSES = ['active', 'seasonal', 'retired'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** How long it lasts: fresh flowers versus silk, dried or potted ones, or a durable thing (a vase, a rug). */
export const LIFESPANS = ['fresh', 'silk', 'dried', 'potted', 'durable'] as const;
export type Lifespan = (typeof LIFESPANS)[number];

export const CARE_LEVELS = ['none', 'easy', 'moderate', 'demanding'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];

export const SCENTS = ['none', 'light', 'strong'] as const;
export type Scent = (typeof SCENTS)[number];

/** The vocabulary kinds a product refers to by key (the retailer's selling vocabulary). */
export const ATTRIBUTE_VOCABULARY = {
  colours: 'colour',
  styles: 'style',
  materials: 'material',
  rooms: 'room',
  occasions: 'occasion',
  sizes: 'size',
} as const;
export type VocabularyAttribute = keyof typeof ATTRIBUTE_VOCABULARY;

/**
 * What a product is like, for selling. Lists hold vocabulary keys ("sage", "living-room"); a
 * variant's own attributes replace the product's for the keys it sets (a colourway's colours).
 */
export interface SellingAttributes {
  colours?: string[];
  styles?: string[];
  materials?: string[];
  rooms?: string[];
  occasions?: string[];
  sizes?: string[];
  /** When it is in season, as month-day ("11-01" to "02-28" wraps the year end); none for all year. */
  season?: { from: string; to: string } | null;
  dimensions?: { widthCm?: number; depthCm?: number; heightCm?: number } | null;
  care?: CareLevel | null;
  scent?: Scent | null;
  lifespan?: Lifespan | null;
  /** Safe with cats and dogs; null when not known. */
  petSafe?: boolean | null;
  /** The retailer's own attributes, declared in `product_attribute_keys` (no migration needed). */
  custom?: Record<string, CustomAttributeValue>;
}

/**
 * The kinds of value a retailer's own attribute takes: words, a number, yes or no, or a list of
 * keys from one part of the selling vocabulary (the colours of a ribbon, say).
 */
export const ATTRIBUTE_VALUE_TYPES = ['text', 'number', 'boolean', 'vocabulary'] as const;
export type AttributeValueType = (typeof ATTRIBUTE_VALUE_TYPES)[number];
export type CustomAttributeValue = string | number | boolean | string[];

/** An attribute the retailer declared for their products. */
export interface AttributeKey {
  key: string;
  label: string;
  valueType: AttributeValueType;
  /** For `vocabulary`: which vocabulary its keys come from. */
  vocabularyKind: VocabularyKind | null;
  help: string;
}

export interface ProductImage {
  url: string;
  alt: string;
}

/** Derived from available stock against the low-stock threshold. */
export type StockState = 'in-stock' | 'low' | 'out';

export const MOVEMENT_REASONS = ['sale', 'return', 'delivery', 'count', 'damage', 'transfer', 'correction'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** Stock of a variant in one store: on hand, held for customers, available (on hand − held), incoming. */
export interface StoreStock {
  storeId: string;
  storeName: string;
  onHand: number;
  held: number;
  available: number;
  state: StockState;
  /** Kilometres from the store asked about, when both have coordinates. */
  distanceKm: number | null;
  /** Deliveries on their way to the store, soonest first. */
  incoming: { id: string; quantity: number; expectedAt: string }[];
}

/** Whether `state` is low or out for an available quantity and a threshold. */
export function stockState(available: number, lowThreshold: number): StockState {
  if (available <= 0) return 'out';
  return available <= lowThreshold ? 'low' : 'in-stock';
}

/** Default low-stock threshold when neither the product nor its category sets one. */
export const DEFAULT_LOW_STOCK = 3;
