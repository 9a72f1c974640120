import type { Expectations } from './feedback.api.ts';

export const EXPECTATIONS_LABEL: Record<Expectations, string> = {
  'not-met': 'Expectations not met',
  met: 'Expectations met',
  exceeded: 'Expectations exceeded',
};

/** "4 of 5", or what stands for no answer to that question. */
export function satisfactionText(value: number | null): string {
  return value === null ? 'No satisfaction given' : `${value} of 5`;
}

/** A share as a whole percentage, or a dash when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}
