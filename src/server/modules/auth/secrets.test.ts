import { describe, expect, it } from 'vitest';
import { isId, newId } from '../../../shared/ids.ts';
import { composeCredential, hashPassword, hashSecret, parseCredential, secretMatches, verifyPassword } from './secrets.ts';

describe('secrets', () => {
  it('hashes passwords with a salt and verifies only the right one', async () => {
    const a = await hashPassword('ones-demo');
    const b = await hashPassword('ones-demo');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('ones-demo', a)).toBe(true);
    expect(await verifyPassword('ones-dem0', a)).toBe(false);
    expect(await verifyPassword('ones-demo', null)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('round-trips credentials and rejects malformed ones', () => {
    const cred = composeCredential(newId('retailer'), newId('session'), 'a'.repeat(43));
    expect(parseCredential(cred)).toMatchObject({ secret: 'a'.repeat(43) });
    for (const bad of [undefined, '', 'a.b.c', `${cred}.extra`, 'x'.repeat(300)]) expect(parseCredential(bad)).toBeNull();
    expect(secretMatches('s3cret-s3cret', hashSecret('s3cret-s3cret'))).toBe(true);
    expect(secretMatches('s3cret-s3creT', hashSecret('s3cret-s3cret'))).toBe(false);
  });

  it('makes prefixed, time-ordered ids', () => {
    const first = newId('staff', 1_000_000);
    const second = newId('staff', 2_000_000);
    expect(isId('staff', first)).toBe(true);
    expect(isId('store', first)).toBe(false);
    expect(first < second).toBe(true);
  });
});
