import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';

/** How the retailer asks for feedback: delay, limit per customer, link lifetime, colour, watch words. */
export interface FeedbackSettings {
  delayMinutes: number;
  limitDays: number;
  linkDays: number;
  brandColour: string;
  watchWords: string[];
}

export const WATCH_WORDS_MAX = 50;
export const WATCH_WORD_LENGTH_MAX = 40;

/** The retailer's feedback settings. */
export async function getFeedbackSettings(deps: Deps, actor: Principal): Promise<FeedbackSettings> {
  const row = await deps.db
    .selectFrom('retailers')
    .select(['feedback_delay_minutes', 'feedback_limit_days', 'feedback_link_days', 'brand_colour', 'feedback_watch_words'])
    .where('id', '=', actor.retailerId)
    .executeTakeFirst();
  if (!row) throw notFound('Retailer');
  return {
    delayMinutes: row.feedback_delay_minutes,
    limitDays: row.feedback_limit_days,
    linkDays: row.feedback_link_days,
    brandColour: row.brand_colour,
    watchWords: row.feedback_watch_words,
  };
}

function wholeIn(field: string, value: number, min: number, max: number, unit: string) {
  if (!Number.isInteger(value) || value < min || value > max)
    throw invalidField(field, `Give a whole number of ${unit} from ${min} to ${max}.`);
}

/** Watch words trimmed, blanks dropped and repeats (in any case) kept once, in the order given. */
export function cleanWatchWords(words: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    if (word.length > WATCH_WORD_LENGTH_MAX)
      throw invalidField(
        'watchWords',
        `"${word.slice(0, 20)}…" is too long: a watch word has at most ${WATCH_WORD_LENGTH_MAX} characters.`,
      );
    const key = word.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  if (out.length > WATCH_WORDS_MAX) throw invalidField('watchWords', `At most ${WATCH_WORDS_MAX} watch words.`);
  return out;
}

/** Replaces the retailer's feedback settings (owners), checked as the database checks them, and audited. */
export async function saveFeedbackSettings(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: FeedbackSettings,
): Promise<FeedbackSettings> {
  wholeIn('delayMinutes', input.delayMinutes, 0, 10080, 'minutes');
  wholeIn('limitDays', input.limitDays, 0, 365, 'days');
  wholeIn('linkDays', input.linkDays, 1, 90, 'days');
  if (!/^#[0-9a-fA-F]{6}$/.test(input.brandColour)) throw invalidField('brandColour', 'Give a colour as #rrggbb, e.g. #266845.');
  const watchWords = cleanWatchWords(input.watchWords);
  const before = await getFeedbackSettings(deps, actor);
  const after: FeedbackSettings = {
    delayMinutes: input.delayMinutes,
    limitDays: input.limitDays,
    linkDays: input.linkDays,
    brandColour: input.brandColour.toLowerCase(),
    watchWords,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('retailers')
      .set({
        feedback_delay_minutes: after.delayMinutes,
        feedback_limit_days: after.limitDays,
        feedback_link_days: after.linkDays,
        brand_colour: after.brandColour,
        feedback_watch_words: after.watchWords,
        updated_at: deps.now(),
      })
      .where('id', '=', actor.retailerId)
      .execute();
    await recordAudit(trx, audit, {
      action: 'feedback.settings.updated',
      subjectType: 'retailer',
      subjectId: actor.retailerId,
      details: { before, after },
    });
  });
  return after;
}
