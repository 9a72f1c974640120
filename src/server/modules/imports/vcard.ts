/**
 * Reading vCard files (2.1, 3.0 and 4.0, as written by phones, mail programs and address books)
 * and turning each card into a customer.
 *
 * The parser is incremental and works line by line, so an upload streams through it: it holds
 * one property at a time, and never the contents of photos, logos, sounds or keys.
 */
import {
  type CustomerDraft,
  type DraftValue,
  draftToCustomer,
  newDraft,
  type RowOutcome,
} from '../../../shared/formats/customer-columns.ts';

export interface VCardProperty {
  /** The group before the name ("item1" in `item1.EMAIL`), which ties e.g. an X-ABLabel to its property. */
  group: string | null;
  /** Upper case: TEL, EMAIL, X-ABLABEL… */
  name: string;
  /** Keys upper case. TYPE values are lower case, one per entry (`TYPE=work,voice` → ['work', 'voice']). */
  params: Record<string, string[]>;
  /** The value as text: quoted-printable decoded, `\n` `\,` `\;` `\\` unescaped. '' for inline binary data. */
  value: string;
  /** The value split at unescaped semicolons, each part unescaped: the parts of N, ADR, ORG. */
  components: string[];
}

export interface VCard {
  /** The physical line of its BEGIN:VCARD. */
  line: number;
  version: string | null;
  properties: VCardProperty[];
}

/** Properties that may hold binary data inline (base64 or a data: URI). */
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
/** A binary property's value longer than this is inline data, not a link: it is dropped as it arrives. */
const MAX_BINARY_LINK = 2048;
/** No property of a contact needs more: a longer one (a malformed file) is dropped rather than held. */
const MAX_VALUE = 1_000_000;
/** vCard 2.1 writes some parameters bare (`TEL;HOME;VOICE`, `PHOTO;BASE64`): these are encodings, the rest types. */
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** The logical line (property) being read: its physical lines joined as they arrive. */
interface PendingLine {
  line: number;
  /** Text before the name/value colon; complete once `header` is set. */
  raw: string;
  scanned: number;
  inQuotes: boolean;
  header: { group: string | null; name: string; params: Record<string, string[]> } | null;
  value: string[];
  length: number;
  quotedPrintable: boolean;
  /** The value is being dropped (inline binary data or too long). */
  dropped: boolean;
  /** The last physical line ended with a quoted-printable soft line break ("=" at its end). */
  softBreak: boolean;
}

/**
 * An incremental vCard parser: `push` text as it arrives (any chunking), then `end`. Returns the
 * cards completed so far. Lines end in CRLF, LF or a lone CR; a line starting with a space or tab
 * continues the previous one, as does the line after a quoted-printable soft break ("=" at the
 * end). Blank lines are ignored; text outside BEGIN:VCARD … END:VCARD is ignored, and so is a
 * card nested inside another (vCard 2.1 AGENT). Lines without a colon are skipped.
 */
export class VCardParser {
  private lineNo = 0;
  private atLineStart = true;
  private lastWasCR = false;
  /** Characters of the current physical line seen so far. */
  private lineLength = 0;
  private pending: PendingLine | null = null;
  private card: VCard | null = null;
  private nested = 0;
  private done: VCard[] = [];

  push(text: string): VCard[] {
    const n = text.length;
    let i = 0;
    if (this.lastWasCR && text.charCodeAt(0) === 10) i = 1; // the second half of a CRLF split between chunks
    if (n > 0) this.lastWasCR = text.charCodeAt(n - 1) === 13;
    // Where the next LF and CR are (n: none). Each is searched for again only once passed, so a
    // file without CRs is not rescanned for one on every line.
    let lf = -1;
    let cr = -1;
    while (i < n) {
      if (lf < i) lf = indexOrEnd(text, '\n', i);
      if (cr < i) cr = indexOrEnd(text, '\r', i);
      const brk = Math.min(lf, cr);
      if (brk === n) {
        this.fragment(text.slice(i), false);
        break;
      }
      this.fragment(text.slice(i, brk), true);
      i = brk + 1;
      if (brk === cr && text.charCodeAt(i) === 10) i++;
    }
    return this.take();
  }

  end(): VCard[] {
    this.finishLine();
    if (this.card) this.done.push(this.card); // a last card without END:VCARD
    this.card = null;
    this.nested = 0;
    this.atLineStart = true;
    return this.take();
  }

  private take(): VCard[] {
    const cards = this.done;
    this.done = [];
    return cards;
  }

  /** A piece of a physical line; `ends` when the line break after it has been seen. */
  private fragment(text: string, ends: boolean): void {
    let p = this.pending;
    if (this.atLineStart) {
      this.lineNo++;
      this.lineLength = 0;
      const first = text.charCodeAt(0);
      if (p?.softBreak) {
        p.softBreak = false;
        this.append(p, text);
      } else if ((first === 32 || first === 9) && p) {
        this.append(p, text.slice(1));
      } else if (text.length === 0) {
        // A blank line: some writers put one after every line (iPhone's CR CR LF), so folding goes on past it.
      } else {
        this.finishLine();
        p = {
          line: this.lineNo,
          raw: '',
          scanned: 0,
          inQuotes: false,
          header: null,
          value: [],
          length: 0,
          quotedPrintable: false,
          dropped: false,
          softBreak: false,
        };
        this.pending = p;
        this.append(p, text);
      }
    } else if (p) {
      this.append(p, text);
    }
    this.lineLength += text.length;
    this.atLineStart = ends;
    // A blank line after a soft break ends the value even if the text before it ends in "=".
    if (ends && this.lineLength > 0 && p?.quotedPrintable && !p.dropped) {
      const last = p.value.length - 1;
      const tail = p.value[last];
      if (tail?.endsWith('=')) {
        p.value[last] = tail.slice(0, -1);
        p.softBreak = true;
      }
    }
  }

  private append(p: PendingLine, text: string): void {
    if (p.dropped) return;
    if (p.header === null) {
      p.raw += text;
      const colon = findColon(p);
      if (colon < 0) {
        if (p.raw.length > MAX_VALUE) p.dropped = true;
        return;
      }
      text = p.raw.slice(colon + 1);
      p.header = parseHeader(p.raw.slice(0, colon));
      p.raw = '';
      const encoding = p.header.params.ENCODING?.[0]?.toUpperCase();
      p.quotedPrintable = encoding === 'QUOTED-PRINTABLE';
      p.dropped = BINARY.has(p.header.name) && (encoding === 'B' || encoding === 'BASE64');
      if (p.dropped) return;
    }
    p.length += text.length;
    if (p.length > MAX_VALUE || (BINARY.has(p.header.name) && p.length > MAX_BINARY_LINK)) {
      p.dropped = true;
      p.value = [];
      return;
    }
    // Empty pieces are not kept so the last one is the end of the text (for soft breaks).
    if (text) p.value.push(text);
  }

  /** Turns the pending logical line into a property of the current card (or opens / closes a card). */
  private finishLine(): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    if (!p.header) {
      if (p.dropped) return;
      // No colon outside quotes: an unbalanced quote before the value; fall back to the first colon.
      const colon = p.raw.indexOf(':');
      if (colon < 0) return;
      p.header = parseHeader(p.raw.slice(0, colon));
      p.value = [p.raw.slice(colon + 1)];
    }
    const { group, name, params } = p.header;
    let text = p.dropped ? '' : p.value.join('');
    if (p.quotedPrintable) text = decodeQuotedPrintable(text, params.CHARSET?.[0] ?? 'utf-8');
    if (BINARY.has(name) && /^data:/i.test(text)) text = '';

    if (name === 'BEGIN' && text.trim().toUpperCase() === 'VCARD') {
      if (this.card) this.nested++;
      else this.card = { line: p.line, version: null, properties: [] };
      return;
    }
    if (name === 'END' && text.trim().toUpperCase() === 'VCARD') {
      if (this.nested > 0) this.nested--;
      else if (this.card) {
        this.done.push(this.card);
        this.card = null;
      }
      return;
    }
    if (!this.card || this.nested > 0) return;
    if (name === 'VERSION') {
      this.card.version = text.trim();
      return;
    }
    this.card.properties.push({ group, name, params, value: unescapeText(text), components: splitComponents(text).map(unescapeText) });
  }
}

/** The index of `char` in `text` from `from`, or the text's length when there is none. */
function indexOrEnd(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from);
  return i < 0 ? text.length : i;
}

/** The index in `p.raw` of the colon between name/parameters and value (outside quoted parameter values), or -1. */
function findColon(p: PendingLine): number {
  const s = p.raw;
  for (let i = p.scanned; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) p.inQuotes = !p.inQuotes;
    else if (c === 58 && !p.inQuotes) return i;
  }
  p.scanned = s.length;
  return -1;
}

/** `item1.TEL;TYPE=home,voice;PREF=1` → group, name and parameters. */
function parseHeader(raw: string): { group: string | null; name: string; params: Record<string, string[]> } {
  const [first = '', ...rest] = splitOutsideQuotes(raw, ';');
  const dot = first.indexOf('.');
  const group = dot > 0 ? first.slice(0, dot) : null;
  const name = first
    .slice(dot + 1)
    .trim()
    .toUpperCase();
  const params: Record<string, string[]> = {};
  const add = (key: string, values: string[]) => {
    params[key] ??= [];
    params[key].push(...values);
  };
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) {
      const bare = param.trim();
      if (!bare) continue;
      if (BARE_ENCODINGS.has(bare.toUpperCase())) add('ENCODING', [bare]);
      else add('TYPE', [bare.toLowerCase()]);
      continue;
    }
    const key = param.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(param.slice(eq + 1), ',').map(paramValue);
    // TYPE is a list even when quoted as one value (vCard 4.0's TYPE="work,voice").
    add(key, key === 'TYPE' ? values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()) : values);
  }
  return { group, name, params };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === separator && !inQuotes) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A parameter value without its quotes, with RFC 6868 escapes (^n newline, ^' quote, ^^ caret) decoded. */
function paramValue(text: string): string {
  const t = text.trim();
  const unquoted = t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  return unquoted.replace(/\^([n'^])/g, (_, c: string) => (c === 'n' ? '\n' : c === "'" ? '"' : '^'));
}

/** Decodes `=XX` bytes in the given charset (UTF-8 when unknown); line breaks become \n. */
function decodeQuotedPrintable(text: string, charset: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 128) {
      bytes.push(c);
    } else {
      // Not allowed in quoted-printable, but seen: keep the character as it was read.
      bytes.push(...encoder.encode(text[i]));
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset.trim().toLowerCase());
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  let decoded = decoder.decode(new Uint8Array(bytes));
  if (decoder.encoding === 'windows-1252') decoded = decoded.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
  return decoded.replace(/\r\n?/g, '\n');
}

// Labels latin1, iso-8859-1 and us-ascii decode as windows-1252 (WHATWG), but Node 20's TextDecoder
// turns bytes 0x80–0x9F into C1 control characters; these are the characters windows-1252 means.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** `\n` `\N` → newline; `\,` `\;` `\\` and the `\:` `\"` some writers add → the character itself. */
function unescapeText(text: string): string {
  return text.includes('\\') ? text.replace(/\\([nN,;:"\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)) : text;
}

/** Splits at semicolons not escaped by a backslash. */
function splitComponents(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === ';') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Cards → customers

const ANNIVERSARY_PROPS = new Set(['ANNIVERSARY', 'X-ANNIVERSARY', 'X-MS-ANNIVERSARY', 'X-EVOLUTION-ANNIVERSARY']);

function phoneLabel(types: string[]): string {
  if (types.includes('cell')) return 'mobile';
  if (types.includes('fax')) return 'fax'; // not one to call, so said so
  if (types.includes('home')) return 'home';
  if (types.includes('work')) return 'work';
  return 'phone';
}

function emailLabel(types: string[]): string {
  return types.includes('home') ? 'home' : types.includes('work') ? 'work' : 'email';
}

/** ADR (pobox;ext;street;locality;region;code;country) into the draft: the first street line is line 1, the rest line 2. */
function addAddress(draft: CustomerDraft, parts: string[], from: string): void {
  const [pobox = '', ext = '', street = '', city = '', region = '', postcode = '', country = ''] = parts;
  const lines = [street, ext, pobox].flatMap((l) => l.split('\n')).map((l) => l.trim());
  const [line1, ...more] = lines.filter(Boolean);
  const value = (text: string | undefined): DraftValue | undefined => (text ? { text, from } : undefined);
  draft.address = {
    line1: value(line1),
    line2: value(more.join(', ')),
    city: value(city),
    region: value(region),
    postcode: value(postcode),
    country: value(country),
  };
}

/** Tag given to customers imported from a card without a name. */
export const NEEDS_NAME_TAG = 'needs-name';

/**
 * One card as a customer. The name comes from N (family;given;additional;prefix;suffix, the
 * prefix becoming the title), else FN split at its last space, else ORG as the first name, else
 * the e-mail's local part or the phone (tagged NEEDS_NAME_TAG); a card with none of these is empty.
 * NICKNAME is the preferred name; TEL, EMAIL, the first non-empty ADR, BDAY, ANNIVERSARY (and
 * the X- spellings of Outlook, Evolution, Thunderbird and Apple), CATEGORIES (as tags) and NOTE
 * are read; TITLE is a job title and is not. Cards from address books carry placeholders, so
 * unusable phones, e-mails and dates are left out rather than failing the card (see draftToCustomer).
 */
export function vcardToCustomer(card: VCard): RowOutcome {
  if (card.properties.length === 0) return { kind: 'empty' };
  const draft = newDraft();
  let org: DraftValue | null = null;
  // Fax numbers go after the others, so they are the ones left out when a card has more than five.
  const faxes: CustomerDraft['phones'] = [];
  const labels = new Map<string, string>();
  for (const p of card.properties) if (p.name === 'X-ABLABEL' && p.group) labels.set(p.group, p.value);

  for (const p of card.properties) {
    const from = `vCard ${p.name}`;
    const types = p.params.TYPE ?? [];
    const value = (text: string): DraftValue => ({ text, from });
    switch (p.name) {
      case 'N': {
        if (draft.firstName || draft.lastName) break;
        const [family = '', given = '', , prefix = ''] = p.components;
        if (family.trim()) draft.lastName = value(family);
        if (given.trim()) draft.firstName = value(given);
        if (prefix.trim()) draft.title = value(prefix.replaceAll(',', ' '));
        break;
      }
      case 'FN':
        draft.fullName ??= value(p.value);
        break;
      case 'ORG':
        if (p.components[0]?.trim()) org ??= value(p.components[0]);
        break;
      case 'NICKNAME':
        draft.preferredName ??= value(p.value.split(',')[0] ?? '');
        break;
      case 'TEL': {
        // vCard 4.0 writes numbers as tel: URIs ("tel:+1-555-555-5555;ext=5555").
        const number = p.value
          .replace(/^tel:/i, '')
          .replace(/;ext=([^;]*)/i, ' ext. $1')
          .replace(/;.*$/, '');
        const phone = { ...value(number), label: phoneLabel(types) };
        (phone.label === 'fax' ? faxes : draft.phones).push(phone);
        break;
      }
      case 'EMAIL':
        draft.emails.push({ ...value(p.value), label: emailLabel(types) });
        break;
      case 'ADR':
        if (Object.keys(draft.address).length === 0 && p.components.some((c) => c.trim())) addAddress(draft, p.components, from);
        break;
      case 'BDAY':
        draft.dates.push({ ...value(p.value), kind: 'birthday' });
        break;
      case 'CATEGORIES':
        for (const tag of p.value.split(',')) draft.tags.push(value(tag));
        break;
      case 'NOTE':
        draft.notes.push(value(p.value));
        break;
      default:
        if (ANNIVERSARY_PROPS.has(p.name) || (p.name === 'X-ABDATE' && p.group && /anniversary/i.test(labels.get(p.group) ?? ''))) {
          draft.dates.push({ ...value(p.value), kind: 'anniversary' });
        }
    }
  }
  draft.phones.push(...faxes);
  const named = [draft.firstName, draft.lastName, draft.fullName].some((v) => v?.text.trim());
  if (!named) {
    // Phones often hold contacts saved with only an e-mail or a number: keep them, named by
    // that contact and tagged so someone can add the name.
    const contact = draft.emails[0]?.text.split('@')[0]?.trim() || draft.phones[0]?.text.trim();
    if (org) draft.firstName = org;
    else if (contact) {
      draft.firstName = { text: contact, from: 'contact' };
      draft.tags.push({ text: NEEDS_NAME_TAG, from: 'contact' });
    } else return { kind: 'empty' };
  }
  return draftToCustomer(draft, false);
}
