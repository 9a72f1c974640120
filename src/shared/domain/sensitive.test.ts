import { describe, expect, it } from 'vitest';
import { findSensitive } from './sensitive.ts';

describe('sensitive content in notes', () => {
  it('finds card numbers only when the Luhn check passes, and masks them', () => {
    expect(findSensitive('paid with 4111 1111 1111 1111 today')).toEqual([{ kind: 'card-number', excerpt: '••••••••1111' }]);
    expect(findSensitive('order ref 4111 1111 1111 1112')).toEqual([]);
    expect(findSensitive('call 020 7946 0958')).toEqual([]);
  });

  it('finds national ids and health details', () => {
    expect(findSensitive('NI number QQ 12 34 56 C').map((f) => f.kind)).toEqual(['national-id']);
    expect(findSensitive('SSN 078-05-1120').map((f) => f.kind)).toEqual(['national-id']);
    expect(findSensitive('Her mother is in hospital, flowers for the ward')).toEqual([{ kind: 'health', excerpt: 'hospital' }]);
    expect(findSensitive('Recently diagnosed with diabetes')[0]?.kind).toBe('health');
  });

  it('lets ordinary notes through', () => {
    expect(findSensitive('Loves sage and cream; has a cat called Biscuit, so no lilies.')).toEqual([]);
  });
});
