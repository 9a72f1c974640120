/** The words a visit's record is made of, shared by the API and the screens. */

/** Why a visit ended without a sale. */
export const NO_SALE_REASONS = ['browsing', 'price', 'not-in-stock', 'will-come-back', 'gift-idea', 'other'] as const;
export type NoSaleReason = (typeof NO_SALE_REASONS)[number];

/** Gestures of surprise and delight. */
export const GESTURE_KINDS = ['extra-blooms', 'free-sample', 'gift-wrap', 'other'] as const;
export type GestureKind = (typeof GESTURE_KINDS)[number];

/** What happened instead when what was asked for could not be had here. */
export const LOST_OUTCOMES = ['substituted', 'other-store', 'ordered', 'lost'] as const;
export type LostOutcome = (typeof LOST_OUTCOMES)[number];
