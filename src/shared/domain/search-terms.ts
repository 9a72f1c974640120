import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * How customers are found as you type. Every customer is indexed under short terms, each with a
 * one-letter kind prefix so that one ordered index serves every kind of query by range scan:
 *   n:<name token>  e:<e-mail>  p:<E.164 digits>  r:<E.164 digits reversed> (for "last 4 digits")
 * Typos are found through a dictionary of each distinct name token and its one-letter deletions
 * (the SymSpell scheme): two words one edit apart always share a deletion.
 */

// Letters NFKD does not take apart.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };

/** Lower-case, accent-free form of a name or query ("Ó Súilleabháin" → "o suilleabhain"). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (c) => FOLD[c] ?? c);
}

/** The tokens a name is found by: each word, plus hyphenated and apostrophe names joined ("o'brien" → "o", "brien", "obrien"). */
export function nameTokens(...names: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const word of foldText(name).split(/\s+/)) {
      const parts = word.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      for (const p of parts) out.add(p);
      if (parts.length > 1) out.add(parts.join(''));
    }
  }
  return [...out].filter((t) => t.length > 0 && t.length <= 60);
}

/** The word itself and every way of deleting one letter from it. */
export function deletions(token: string): string[] {
  const chars = [...token];
  const out = new Set<string>([token]);
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}

/** Whether two words are exactly one insertion, deletion or substitution apart. */
export function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) return x.slice(i + 1).join('') === y.slice(i + 1).join('');
  return x.length > y.length ? x.slice(i + 1).join('') === y.slice(i).join('') : x.slice(i).join('') === y.slice(i + 1).join('');
}

/** Name tokens of at least this length get typo matching; shorter ones only match by prefix. */
export const TYPO_MIN_LENGTH = 4;
/** Shortest phone fragment matched as the end of a number. */
export const PHONE_SUFFIX_MIN = 4;

/** E.164 digits ("442079460958") of a number in any formatting, read in the retailer's region; null if it is not a number. */
export function phoneDigits(input: string, region: string): string | null {
  const cleaned = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, region as CountryCode);
  if (parsed?.isPossible()) return parsed.number.slice(1);
  const digits = cleaned.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? digits : null;
}

export const reverse = (s: string) => [...s].reverse().join('');

/** Every search term of a customer, with its kind prefix. */
export function customerTerms(
  c: {
    firstName: string;
    lastName?: string | null;
    preferredName?: string | null;
    phones?: { number: string }[];
    emails?: { address: string }[];
  },
  region: string,
): string[] {
  const terms = new Set<string>();
  for (const t of nameTokens(c.firstName, c.lastName, c.preferredName)) terms.add(`n:${t}`);
  for (const e of c.emails ?? []) {
    const address = e.address.trim().toLowerCase();
    if (address) terms.add(`e:${address}`);
  }
  for (const p of c.phones ?? []) {
    const digits = phoneDigits(p.number, region);
    if (digits) {
      terms.add(`p:${digits}`);
      terms.add(`r:${reverse(digits)}`);
    }
  }
  return [...terms];
}

export type QueryPlan =
  | { kind: 'empty' }
  | { kind: 'email'; text: string }
  | { kind: 'phone'; digits: string; e164: string | null }
  | { kind: 'name'; tokens: string[]; emailPrefix: string | null };

/** What a search box entry is: an e-mail, a phone number or fragment, or name words. */
export function planQuery(input: string, region: string): QueryPlan {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (text.includes('@')) return { kind: 'email', text: text.toLowerCase() };
  const digits = text.replace(/\D/g, '');
  if (digits.length >= PHONE_SUFFIX_MIN && /^[\d\s()+.\-/]+$/.test(text)) {
    return { kind: 'phone', digits, e164: digits.length >= 6 ? phoneDigits(text, region) : null };
  }
  // The query's own words; the joined forms ("obrien") are for indexing stored names.
  const tokens = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  // One word with a digit or . _ - + may be the start of an e-mail address ("adaeze.ok", "jw1987").
  const emailPrefix = /^[^\s@]*[\d._+-][^\s@]*$/.test(text) ? text.toLowerCase() : null;
  return tokens.length ? { kind: 'name', tokens, emailPrefix } : { kind: 'empty' };
}
