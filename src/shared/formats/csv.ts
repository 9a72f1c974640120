/**
 * CSV reading and writing for customer imports and exports (RFC 4180, read leniently).
 *
 * The parser is incremental so the server can stream an upload of any size: it only ever holds
 * the record being read, and hands back each record as soon as its line ends.
 */

/** One record (row) of a CSV file. */
export interface CsvRecord {
  /** The 1-based physical line the record starts on (a quoted field may span several lines). */
  line: number;
  fields: string[];
  /** Set when the record could not be read completely (only 'unterminated quote' for now). */
  error?: string;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;

/** Where the parser is within the current field. */
enum State {
  /** Nothing of the field read yet. */
  FieldStart,
  /** In a field that did not start with a quote: it runs to the next delimiter or line end. */
  Unquoted,
  /** Inside quotes. */
  Quoted,
  /** Just read a quote inside quotes: either the first half of `""` or the closing quote. */
  QuoteInQuoted,
}

/**
 * An incremental CSV parser: feed it text with `push` as it arrives, then call `end`.
 *
 * - The delimiter is whichever of `,` `;` TAB occurs most often in the first line outside quotes
 *   (comma when none does), so spreadsheets saved with a European locale read the same.
 * - A BOM at the very start is dropped; CRLF, LF and a lone CR all end a line.
 * - Leniency: a quote in the middle of an unquoted field is kept as text, text after a closing
 *   quote is added to the field, and an unterminated quote at the end of the input gives the
 *   record as read, flagged with `error`.
 */
export class CsvParser {
  private delimiter = -1;
  /** Text held before the delimiter is known (at most the first line). */
  private head = '';
  private headScan = 0;
  private headInQuotes = false;
  private started = false;

  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  /** Whether anything of the current record has been read (an empty line is a record too). */
  private inRecord = false;
  private line = 1;
  private recordLine = 1;
  /** The previous chunk ended with CR: a LF starting this one belongs to the same line break. */
  private lastWasCR = false;

  push(text: string): CsvRecord[] {
    if (text.length === 0) return [];
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.delimiter >= 0) return this.parse(text);
    // The delimiter is decided on the first line, so hold the text until that line is complete.
    this.head += text;
    return this.firstLineEnd() < 0 ? [] : this.startParsing();
  }

  end(): CsvRecord[] {
    const out = this.delimiter >= 0 || this.head === '' ? [] : this.startParsing();
    if (this.state === State.Quoted) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields, error: 'unterminated quote' });
    } else if (this.inRecord) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = '';
    this.inRecord = false;
    this.state = State.FieldStart;
    return out;
  }

  private startParsing(): CsvRecord[] {
    this.delimiter = detectDelimiter(this.head);
    const head = this.head;
    this.head = '';
    return this.parse(head);
  }

  /** The index of the first line break outside quotes in `head`, or -1 while there is none yet. */
  private firstLineEnd(): number {
    const s = this.head;
    for (let i = this.headScan; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) this.headInQuotes = !this.headInQuotes;
      else if ((c === LF || c === CR) && !this.headInQuotes) return i;
    }
    this.headScan = s.length;
    return -1;
  }

  private parse(s: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = s.length;
    const delimiterCode = this.delimiter;
    const delimiter = String.fromCharCode(delimiterCode);
    // Where the next delimiter, LF and CR are (n: none). Each is searched for natively, and again
    // only once passed, so a chunk without CRs is not rescanned for one at every field.
    let nextDelimiter = -1;
    let nextLF = -1;
    let nextCR = -1;
    let i = 0;
    if (this.lastWasCR && s.charCodeAt(0) === LF) {
      // The CR ending the previous chunk was the first half of a CRLF.
      if (this.state === State.FieldStart) i = 1;
      else if (this.state === State.Quoted) this.line--; // counted again below as part of the field
    }
    this.lastWasCR = s.charCodeAt(n - 1) === CR;

    while (i < n) {
      switch (this.state) {
        case State.FieldStart:
          if (s.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.inRecord = true;
            i++;
            break;
          }
          this.state = State.Unquoted;
          break;
        case State.Unquoted: {
          if (nextDelimiter < i) nextDelimiter = indexOrEnd(s, delimiter, i);
          if (nextLF < i) nextLF = indexOrEnd(s, '\n', i);
          if (nextCR < i) nextCR = indexOrEnd(s, '\r', i);
          const j = Math.min(nextDelimiter, nextLF, nextCR);
          const c = s.charCodeAt(j);
          if (j > i) {
            this.field += s.slice(i, j);
            this.inRecord = true;
          }
          if (j === n) {
            i = n;
            break;
          }
          this.fields.push(this.field);
          this.field = '';
          this.state = State.FieldStart;
          i = j + 1;
          if (c === delimiterCode) {
            this.inRecord = true;
            break;
          }
          // A line break ends the record; CRLF counts as one break.
          if (c === CR && i < n && s.charCodeAt(i) === LF) i++;
          out.push({ line: this.recordLine, fields: this.fields });
          this.fields = [];
          this.inRecord = false;
          this.line++;
          this.recordLine = this.line;
          break;
        }
        case State.Quoted: {
          const q = s.indexOf('"', i);
          const end = q < 0 ? n : q;
          if (end > i) {
            const part = s.slice(i, end);
            this.field += part;
            this.line += countLineBreaks(part);
          }
          i = end;
          if (q >= 0) {
            this.state = State.QuoteInQuoted;
            i++;
          }
          break;
        }
        case State.QuoteInQuoted:
          if (s.charCodeAt(i) === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else {
            this.state = State.Unquoted; // the closing quote
          }
          break;
      }
    }
    return out;
  }
}

/** The index of `char` in `text` from `from`, or the text's length when there is none. */
function indexOrEnd(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from);
  return i < 0 ? text.length : i;
}

/** Line breaks in a piece of a quoted field: CRLF, LF and lone CR each count once. */
function countLineBreaks(part: string): number {
  // Usually there are none, which indexOf finds natively.
  if (part.indexOf('\n') < 0 && part.indexOf('\r') < 0) return 0;
  let count = 0;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && part.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** The most frequent of `,` `;` TAB in the first line, outside quotes; comma on a tie or none. */
function detectDelimiter(text: string): number {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === COMMA) commas++;
    else if (c === SEMICOLON) semicolons++;
    else if (c === TAB) tabs++;
    else if (c === LF || c === CR) break;
  }
  if (semicolons > commas && semicolons >= tabs) return SEMICOLON;
  if (tabs > commas && tabs > semicolons) return TAB;
  return COMMA;
}

/** All records of a small text (a header preview, a test); large inputs should stream through CsvParser. */
export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  const records = parser.push(text);
  for (const r of parser.end()) records.push(r);
  return records;
}

/**
 * One CSV line, ending in CRLF. Fields are quoted when they contain a comma, quote or line break.
 *
 * Spreadsheets run a cell starting with = + - @ TAB or CR as a formula, so such a field gets a
 * leading apostrophe (the OWASP "CSV injection" advice). That includes numbers such as -5 and
 * phone numbers such as +44 20…: spreadsheets show the apostrophe-prefixed value as text, and
 * our importer strips the apostrophe again.
 */
export function toCsvLine(fields: (string | number | null | undefined)[]): string {
  return `${fields.map(toCsvField).join(',')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function toCsvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
