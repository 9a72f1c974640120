/**
 * Pure helpers for the compare screen: which options the address names, the fit in words, and
 * the comparison's verdict split into what the screen shows.
 */

/** Options compared at most, as the API allows. */
export const MAX_OPTIONS = 6;

/** The options the address names (`?v=…&v=…`): each once, in order, at most six; anything malformed is ignored. */
export function optionsFrom(params: URLSearchParams): string[] {
  const ids = params.getAll('v').filter((v) => /^[A-Za-z0-9_-]{1,40}$/.test(v));
  return [...new Set(ids)].slice(0, MAX_OPTIONS);
}

/** Adds an option, or takes it out when it is there; a seventh is not added. */
export function toggleOption(ids: string[], id: string): string[] {
  if (ids.includes(id)) return ids.filter((v) => v !== id);
  return ids.length >= MAX_OPTIONS ? ids : [...ids, id];
}

/**
 * The fit in words for people, from the engine's 0 to 1. Before anything is answered every option
 * scores nothing, which says nothing about it.
 */
export function fitWords(fit: number, anythingAnswered: boolean): string {
  if (!anythingAnswered) return 'Not judged yet';
  if (fit >= 0.75) return 'Fits very well';
  if (fit >= 0.5) return 'Fits well';
  if (fit >= 0.25) return 'Fits in part';
  if (fit > 0) return 'Fits a little';
  return 'Nothing they said matches';
}

export type Verdict =
  | {
      kind: 'choice';
      title: string;
      /** What the suggestion has that the others lack. */
      because: string[];
      /** What counts against each other option and not against the suggestion. */
      against: { title: string; reasons: string[] }[];
    }
  | {
      kind: 'close';
      /** "Either fits" for two, "Any of them fits" for more. */
      head: string;
      /** What tells them apart, option by option; empty when they suit what was said equally. */
      differences: { title: string; text: string }[];
      /** Anything else the comparison said (an option a hard rule left out). */
      notes: string[];
    };

interface ComparisonLike {
  options: { variantId: string; title: string; reasons: { kind: string; text: string }[] }[];
  choice: string | null;
  reasons: string[];
  close: boolean;
}

/** Splits "A: x — B: y" by the options' titles, which may themselves hold " — ". */
export function splitDifferences(text: string, titles: string[]): { title: string; text: string }[] | null {
  const starts = titles
    .map((title) => ({ title, at: text.indexOf(`${title}: `) }))
    .filter((s) => s.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (starts.length === 0 || starts[0]?.at !== 0) return null;
  return starts.map((s, i) => {
    const end = starts[i + 1]?.at ?? text.length;
    const part = text.slice(s.at + s.title.length + 2, end);
    return { title: s.title, text: part.replace(/ — $/, '').trim() };
  });
}

/** The comparison as the screen shows it: the suggestion with its reasons, or "either fits" with what differs. */
export function verdictOf(c: ComparisonLike): Verdict | null {
  if (c.close) {
    const last = c.reasons.at(-1) ?? '';
    const notes = c.reasons.slice(0, -1);
    const m = /^(Either fits|Any of them fits); (.*)$/.exec(last);
    if (!m) return { kind: 'close', head: 'Either fits', differences: [], notes: c.reasons };
    const head = m[1] as string;
    const rest = m[2] as string;
    const tail = rest.startsWith('the difference is ') ? rest.slice('the difference is '.length) : null;
    if (tail === null) return { kind: 'close', head, differences: [], notes };
    const differences = splitDifferences(
      tail,
      c.options.map((o) => o.title),
    );
    return { kind: 'close', head, differences: differences ?? [{ title: '', text: tail }], notes };
  }
  const chosen = c.options.find((o) => o.variantId === c.choice);
  if (!chosen) return null;
  const own = new Set(chosen.reasons.filter((r) => r.kind === 'mismatch').map((r) => r.text));
  const because: string[] = [];
  const against = new Map<string, string[]>();
  for (const reason of c.reasons) {
    const other = c.options.find((o) => o !== chosen && reason.startsWith(`${o.title}: `));
    if (!other) {
      because.push(reason);
      continue;
    }
    const text = reason.slice(other.title.length + 2);
    // Something both have ("velvet rather than oak") tells them no further apart.
    if (own.has(text)) continue;
    against.set(other.title, [...(against.get(other.title) ?? []), text]);
  }
  return { kind: 'choice', title: chosen.title, because, against: [...against].map(([title, reasons]) => ({ title, reasons })) };
}

/** What the live region says when a comparison arrives. */
export function verdictAnnouncement(v: Verdict | null): string {
  if (!v) return '';
  return v.kind === 'choice' ? `Our suggestion: ${v.title}.` : `${v.head}.`;
}
