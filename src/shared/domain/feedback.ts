/*
 * What a customer answers about a visit, and when an answer is one for the store's manager to
 * follow up. Shared by the server (which decides, on each save) and anything that explains it.
 */

export const EXPECTATIONS = ['not-met', 'met', 'exceeded'] as const;
export type Expectations = (typeof EXPECTATIONS)[number];
/** The longest comment kept, in characters. */
export const COMMENT_MAX = 5000;

/** The customer's answers, each optional; null is "no answer". */
export interface Answers {
  satisfaction: number | null;
  expectations: Expectations | null;
  listened: boolean | null;
  feltRushed: boolean | null;
  inStock: boolean | null;
  comment: string | null;
  mayContact: boolean | null;
}

/** Why an answer is one for the manager to follow up, in short words; empty when it is not. */
export function poorSigns(a: Answers, watchWords: string[]): string[] {
  const signs: string[] = [];
  if (a.satisfaction !== null && a.satisfaction <= 2) signs.push(`${a.satisfaction} of 5`);
  if (a.expectations === 'not-met') signs.push('expectations not met');
  if (a.feltRushed === true) signs.push('felt rushed');
  const comment = a.comment?.toLocaleLowerCase() ?? '';
  const word = comment ? watchWords.find((w) => w.trim() && comment.includes(w.trim().toLocaleLowerCase())) : undefined;
  if (word) signs.push(`mentioned “${word.trim()}”`);
  return signs;
}
