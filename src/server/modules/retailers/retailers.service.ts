import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { findRetailer, type RetailerRow, updateRetailer } from './retailers.repo.ts';
import type { UpdateRetailerBody } from './retailers.schemas.ts';

export async function getRetailer(deps: Deps, actor: Principal): Promise<RetailerRow> {
  const row = await findRetailer(deps.db, actor.retailerId);
  if (!row) throw notFound('Retailer');
  return row;
}

/** Amounts in the retailer's currency and locale ("£2.80"), for messages. */
export async function retailerMoney(db: Deps['db'], retailerId: string): Promise<Intl.NumberFormat> {
  const r = await db.selectFrom('retailers').select(['locale', 'currency']).where('id', '=', retailerId).executeTakeFirstOrThrow();
  return new Intl.NumberFormat(r.locale, { style: 'currency', currency: r.currency });
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function isCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** Changes the retailer's name and regional settings (owners only). */
export async function editRetailer(deps: Deps, actor: Principal, audit: AuditContext, input: Static<typeof UpdateRetailerBody>) {
  if (input.locale !== undefined && !isLocale(input.locale))
    throw invalidField('locale', `"${input.locale}" is not a locale; use a tag like en-GB.`);
  if (input.currency !== undefined && !isCurrency(input.currency))
    throw invalidField('currency', `"${input.currency}" is not a currency code.`);
  await deps.db.transaction().execute(async (trx) => {
    await updateRetailer(trx, actor.retailerId, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.country !== undefined ? { country: input.country } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.locale !== undefined ? { locale: Intl.getCanonicalLocales(input.locale)[0] as string } : {}),
      ...(input.phoneRegion !== undefined ? { phone_region: input.phoneRegion } : {}),
    });
    await recordAudit(trx, audit, {
      action: 'retailer.updated',
      subjectType: 'retailer',
      subjectId: actor.retailerId,
      details: { fields: Object.keys(input) },
    });
  });
  return getRetailer(deps, actor);
}
