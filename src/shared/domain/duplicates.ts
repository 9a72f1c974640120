import { nameTokens, oneEditApart, phoneDigits, reverse } from './search-terms.ts';

/**
 * When two profiles are probably the same person: the same e-mail, the same phone number, or a
 * similar name with a phone ending in the same digits (the same mobile typed with and without
 * its country code, or with one digit wrong at the front).
 */

/** Phones ending in this many equal digits count as the same line when the names agree too. */
export const PHONE_SUFFIX_DIGITS = 7;

export type DuplicateKind = 'same-email' | 'same-phone' | 'similar-name-phone-suffix';

export interface DuplicateReason {
  kind: DuplicateKind;
  text: string;
  /** The search-index key the two profiles share (`e:…`, `p:…`, or `r:` and the reversed suffix). */
  key: string;
}

export interface DuplicateSubject {
  first_name: string;
  last_name: string | null;
  preferred_name: string | null;
  phones: { number: string }[];
  emails: { address: string }[];
}

const similarWord = (a: string, b: string) => a === b || ([...a].length >= 4 && [...b].length >= 4 && oneEditApart(a, b));

/** A name's folded tokens, worked out once when one name is compared with many. */
export interface NameSignature {
  given: string[];
  /** Null when there is no family name. */
  family: string[] | null;
}

export const nameSignature = (n: Pick<DuplicateSubject, 'first_name' | 'last_name' | 'preferred_name'>): NameSignature => ({
  given: nameTokens(n.first_name, n.preferred_name),
  family: n.last_name ? nameTokens(n.last_name) : null,
});

/** Whether two names plausibly belong to one person ("Katherine Wójcik (Kate)" and "Kate Wojcik"). */
export function similarSignatures(a: NameSignature, b: NameSignature): boolean {
  const givenWordMatch = a.given.some((x) => b.given.some((y) => similarWord(x, y)));
  if (!a.family || !b.family) return givenWordMatch;
  const givenMatch = givenWordMatch || a.given[0]?.[0] === b.given[0]?.[0];
  const familyB = b.family;
  return givenMatch && a.family.some((x) => familyB.some((y) => similarWord(x, y)));
}

export const similarNames = (a: DuplicateSubject, b: DuplicateSubject): boolean => similarSignatures(nameSignature(a), nameSignature(b));

/** Why `a` and `b` look like one customer, strongest reasons first; empty when they do not. */
export function duplicateReasons(a: DuplicateSubject, b: DuplicateSubject, region: string): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  const emailsB = new Set(b.emails.map((e) => e.address.trim().toLowerCase()));
  for (const e of a.emails) {
    const address = e.address.trim().toLowerCase();
    if (emailsB.has(address)) reasons.push({ kind: 'same-email', text: `Both have ${address}`, key: `e:${address}` });
  }
  const digitsB = b.phones.map((p) => ({ number: p.number, digits: phoneDigits(p.number, region) }));
  let suffixNoted = false;
  for (const p of a.phones) {
    const digits = phoneDigits(p.number, region);
    if (!digits) continue;
    const same = digitsB.find((q) => q.digits === digits);
    if (same) {
      reasons.push({ kind: 'same-phone', text: `Both have the phone number ${p.number}`, key: `p:${digits}` });
      continue;
    }
    const suffix = digits.slice(-PHONE_SUFFIX_DIGITS);
    const near = digitsB.find((q) => q.digits && q.digits.length >= PHONE_SUFFIX_DIGITS && q.digits.endsWith(suffix));
    if (near && !suffixNoted && suffix.length === PHONE_SUFFIX_DIGITS && similarNames(a, b)) {
      suffixNoted = true;
      reasons.push({
        kind: 'similar-name-phone-suffix',
        text: `Similar names, and ${p.number} and ${near.number} end in the same ${PHONE_SUFFIX_DIGITS} digits`,
        key: `r:${reverse(suffix)}`,
      });
    }
  }
  const order: DuplicateKind[] = ['same-email', 'same-phone', 'similar-name-phone-suffix'];
  return reasons.sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
}
