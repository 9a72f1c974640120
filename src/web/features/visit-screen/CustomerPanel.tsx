import { Box, ColorSwatch, Group, Stack, Text } from '@mantine/core';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../../shared/customers.ts';
import type { Me } from '../auth/auth.api.ts';
import type { Customer } from '../customers/customers.api.ts';
import { dayAndMonth, daysUntil, inDays, money, relativeTime } from '../customers/format.ts';
import { describePreference } from '../customers/preferences.ts';
import { Part, Section } from '../customers/Section.tsx';
import { useVocabulary, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import type { Starter, VisitScreenData } from './screen.api.ts';

const DATE_KIND: Record<string, string> = { birthday: 'Birthday', anniversary: 'Anniversary', custom: 'A date' };
const CHANNEL_WORDS: Record<ConsentChannel, string> = { email: 'e-mail', sms: 'text message', phone: 'phone', post: 'post' };
/** Preferences that describe the home: rooms and the colours they like or not. */
const HOME_KEYS = ['room', 'colour-liked', 'colour-disliked', 'avoid'];
const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** "a, b and c". */
function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Consent in plain words: what the shop may send, by which channel, and what it may not. */
export function consentWords(customer: Pick<Customer, 'consents'>): string[] {
  const consents = customer.consents ?? [];
  const granted = (purpose: string) =>
    CONSENT_CHANNELS.filter((ch) => consents.some((c) => c.channel === ch && c.purpose === purpose && c.granted));
  const service = granted('service');
  const marketing = granted('marketing');
  return [
    service.length
      ? `About orders and visits: by ${joinWords(service.map((c) => CHANNEL_WORDS[c]))}.`
      : 'No consent to contact them about orders and visits.',
    marketing.length ? `News and offers: by ${joinWords(marketing.map((c) => CHANNEL_WORDS[c]))}.` : 'No news or offers: do not send any.',
  ];
}

/** Conversation starters, each with the fact it is drawn from; nothing when nothing is known. */
export function StartersPanel({ starters }: { starters: Starter[] }) {
  if (starters.length === 0) return null;
  return (
    <Section id="starters-heading" title="To start the conversation">
      <Stack component="ul" gap="sm" style={LIST} aria-labelledby="starters-heading">
        {starters.map((s) => (
          <Box component="li" key={s.key} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-moss-3)' }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {s.text}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              From: {s.fact.text}
            </Text>
          </Box>
        ))}
      </Stack>
    </Section>
  );
}

/** Who the customer is: dates coming up, home and colours, what they bought, colleagues' notes, consent. */
export function CustomerPanel({ screen, me }: { screen: VisitScreenData; me: Me }) {
  const vocabulary = useVocabulary();
  const c = screen.customer;
  if (!c) return null;
  const locale = me.retailer.locale;
  const vocab = vocabularyOf(vocabulary.data ?? []);
  const dates = [...c.dates]
    .map((d) => ({ ...d, days: daysUntil(d.month, d.day) }))
    .filter((d) => d.days <= 90)
    .sort((a, b) => a.days - b.days)
    .slice(0, 3);
  const home = (c.preferences ?? []).filter((p) => HOME_KEYS.includes(p.key)).slice(0, 6);
  // One line per item of a sale (a sale may list the same item twice), the latest five.
  const bought = new Map<string, { key: string; title: string; quantity: number; soldAt: string }>();
  for (const p of screen.history?.purchases ?? []) {
    const key = `${p.saleId}:${p.title}`;
    const seen = bought.get(key);
    bought.set(key, { key, title: p.title, soldAt: p.soldAt, quantity: (seen?.quantity ?? 0) + p.quantity });
  }
  const purchases = [...bought.values()].slice(0, 5);
  const notes = screen.history?.notes.slice(0, 3) ?? [];
  const cash = (n: number) => money(n, me, { whole: true });
  const dayMonth = (m: number, d: number) => dayAndMonth(m, d, locale);

  return (
    <Section id="customer-heading" title={`About ${c.preferredName ?? c.displayName}`}>
      {dates.length > 0 && (
        <Part title="Dates coming up">
          <Stack component="ul" gap={4} style={LIST}>
            {dates.map((d) => (
              <Text component="li" key={`${d.kind}-${d.month}-${d.day}-${d.label ?? ''}`}>
                {d.label || DATE_KIND[d.kind] || 'A date'}: {dayAndMonth(d.month, d.day, locale)}{' '}
                <Text span c="dimmed">
                  ({inDays(d.days, locale)})
                </Text>
              </Text>
            ))}
          </Stack>
        </Part>
      )}
      {home.length > 0 && (
        <Part title="Rooms and colours">
          <Stack component="ul" gap={4} style={LIST}>
            {home.map((p) => {
              const d = describePreference(p, vocab, cash, dayMonth);
              const prefix = p.key === 'colour-disliked' ? 'Not: ' : p.key === 'avoid' ? 'Avoid: ' : '';
              return (
                <Group component="li" key={p.id} gap={6} wrap="nowrap" align="flex-start">
                  {d.colours.length > 0 && (
                    <Group gap={2} wrap="nowrap" aria-hidden="true" pt={4}>
                      {d.colours.slice(0, 4).map((t) => (
                        <ColorSwatch key={t.key} color={t.hex ?? '#ccc'} size={14} />
                      ))}
                    </Group>
                  )}
                  <Text style={{ overflowWrap: 'anywhere' }}>
                    {prefix}
                    {d.text}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        </Part>
      )}
      {c.household.length > 0 && (
        <Part title="Household">
          <Text>{c.household.map((h) => `${h.name} (${h.relation}${h.giftRecipient ? ', gets gifts' : ''})`).join(' · ')}</Text>
        </Part>
      )}
      <Part title="Bought recently">
        {purchases.length === 0 ? (
          <Text c="dimmed">Nothing bought yet.</Text>
        ) : (
          <Stack component="ul" gap={4} style={LIST}>
            {purchases.map((p) => (
              <Text component="li" key={p.key} style={{ overflowWrap: 'anywhere' }}>
                {p.quantity} × {p.title}{' '}
                <Text span c="dimmed">
                  · {relativeTime(p.soldAt, locale)}
                </Text>
              </Text>
            ))}
          </Stack>
        )}
      </Part>
      {notes.length > 0 && (
        <Part title="Colleagues’ notes">
          <Stack component="ul" gap="xs" style={LIST}>
            {notes.map((n) => (
              <Box component="li" key={n.id}>
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{n.body}</Text>
                <Text size="sm" c="dimmed">
                  {[n.author, relativeTime(n.at, locale)].filter(Boolean).join(' · ')}
                </Text>
              </Box>
            ))}
          </Stack>
        </Part>
      )}
      <Part title="Consent">
        {consentWords(c).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </Part>
    </Section>
  );
}
