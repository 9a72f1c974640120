/**
 * Looks for things a customer note should not hold: payment card numbers (checked with Luhn),
 * national identity numbers, and health details. Associates are warned, not blocked.
 */
export interface SensitiveFinding {
  kind: 'card-number' | 'national-id' | 'health';
  /** What was found, masked so the warning itself does not repeat it. */
  excerpt: string;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const mask = (s: string) => (s.length <= 4 ? '••••' : `${'•'.repeat(Math.min(8, s.length - 4))}${s.slice(-4)}`);

const HEALTH_TERMS = [
  'diabetes',
  'diabetic',
  'cancer',
  'chemo',
  'chemotherapy',
  'pregnant',
  'pregnancy',
  'miscarriage',
  'hiv',
  'aids',
  'depression',
  'depressed',
  'anxiety',
  'bipolar',
  'schizophrenia',
  'dementia',
  'alzheimer',
  'alzheimers',
  'epilepsy',
  'asthma',
  'surgery',
  'operation',
  'hospital',
  'hospice',
  'terminal',
  'diagnosis',
  'diagnosed',
  'medication',
  'prescription',
  'disability',
  'disabled',
  'wheelchair',
  'therapy',
  'rehab',
  'ivf',
  'stroke',
  'heart attack',
  'mental health',
  'allergy',
  'allergic',
];
const HEALTH_RE = new RegExp(`\\b(${HEALTH_TERMS.map((t) => t.replace(/ /g, '\\s+')).join('|')})\\b`, 'i');

/** Everything in `text` that looks sensitive; empty when nothing does. */
export function findSensitive(text: string): SensitiveFinding[] {
  const findings: SensitiveFinding[] = [];
  for (const m of text.matchAll(/\b\d(?:[ -]?\d){12,18}\b/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) findings.push({ kind: 'card-number', excerpt: mask(digits) });
  }
  for (const m of text.matchAll(/\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi)) {
    findings.push({ kind: 'national-id', excerpt: mask(m[0].replace(/\s/g, '').toUpperCase()) });
  }
  for (const m of text.matchAll(/\b\d{3}-\d{2}-\d{4}\b/g)) findings.push({ kind: 'national-id', excerpt: mask(m[0].replace(/-/g, '')) });
  const health = HEALTH_RE.exec(text);
  if (health) findings.push({ kind: 'health', excerpt: health[0].toLowerCase() });
  return findings;
}
