import { Anchor, Avatar, Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { StartVisitButton } from '../visit-screen/StartVisitButton.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { type Customer, useCustomer } from './customers.api.ts';
import { EditProfileModal } from './EditProfileModal.tsx';
import { dateTime, dayAndMonth, daysUntil, inDays, money, relativeTime } from './format.ts';
import { LinkButton } from './LinkButton.tsx';
import { DuplicatesNotice, FlashNotice, MergedHereSection, MergedIntoBanner, ReadOnlyIfMerged } from './merge/ProfileMerges.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';
import { SavedItemsSection } from './SavedItemsSection.tsx';
import { Section } from './Section.tsx';
import { TimelineSection } from './TimelineSection.tsx';

const DATE_KIND: Record<string, string> = { birthday: 'Birthday', anniversary: 'Anniversary', custom: 'A date' };

/** `/customers/:id`: who the customer is at a glance, what they like, consent and the timeline. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  if (customer.isPending) {
    return (
      <Page title="Customer">
        <LoadingState label="Loading the profile…" />
      </Page>
    );
  }
  if (customer.isError) {
    return (
      <Page title="Customer">
        <ErrorState error={customer.error} onRetry={() => customer.refetch()} title="This profile could not be opened" />
        <LinkButton to="/customers" variant="light" w="fit-content">
          Back to customers
        </LinkButton>
      </Page>
    );
  }
  return (
    <ReadOnlyIfMerged customer={customer.data}>
      <Profile customer={customer.data} />
    </ReadOnlyIfMerged>
  );
}

function Profile({ customer: c }: { customer: Customer }) {
  const me = useSignedIn();
  const [editing, setEditing] = useState(false);
  const mayEdit = can(me, 'customers.edit');
  return (
    <Page
      title={c.displayName}
      actions={
        <Group gap="sm">
          {can(me, 'selling.assist') && !c.mergedIntoId && <StartVisitButton customerId={c.id} />}
          {can(me, 'selling.assist') && (
            <LinkButton to={`/selling?customer=${encodeURIComponent(c.id)}`} variant="light">
              Help choose
            </LinkButton>
          )}
          {mayEdit && (
            <Button variant="light" onClick={() => setEditing(true)}>
              Edit profile
            </Button>
          )}
        </Group>
      }
    >
      <Group gap="md" wrap="nowrap" align="center" mt={-8}>
        <Avatar color="moss" radius="xl" size="xl" aria-hidden="true">
          {c.initials}
        </Avatar>
        <Stack gap={2} miw={0}>
          {c.fullName !== c.displayName && <Text size="lg">{[c.title, c.fullName].filter(Boolean).join(' ')}</Text>}
          <Text c="dimmed">
            {c.figures.lastVisitAt ? `Last visit ${relativeTime(c.figures.lastVisitAt, me.retailer.locale)}` : 'Never visited'}
            {' · '}In the book since{' '}
            {new Intl.DateTimeFormat(me.retailer.locale, { month: 'long', year: 'numeric' }).format(new Date(c.createdAt))}
          </Text>
          {c.tags.length > 0 && (
            <Group gap={6} mt={4} aria-label="Tags" role="list">
              {c.tags.map((t) => (
                <Badge key={t} variant="default" role="listitem">
                  {t}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      </Group>

      <FlashNotice />
      <MergedIntoBanner customer={c} />
      <DuplicatesNotice customer={c} />
      {/* One column in the order an associate needs them: who, what they like, what was said, then consent. */}
      <Figures customer={c} me={me} />
      <Contact customer={c} me={me} />
      <PreferencesSection customer={c} />
      <SavedItemsSection customer={c} />
      <TimelineSection customerId={c.id} />
      <ConsentSection customer={c} />
      <MergedHereSection customer={c} />
      {editing && <EditProfileModal customer={c} onClose={() => setEditing(false)} />}
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="xl" fw={650}>
        {value}
      </Text>
    </div>
  );
}

function Figures({ customer: c, me }: { customer: Customer; me: Me }) {
  const f = c.figures;
  return (
    <Section id="figures-heading" title="At a glance">
      <SimpleGrid component="dl" cols={{ base: 2, lg: 4 }} spacing="md" m={0}>
        <Stat label="Visits" value={String(f.visits)} />
        <Stat label="Last visit" value={f.lastVisitAt ? relativeTime(f.lastVisitAt, me.retailer.locale) : 'Never'} />
        <Stat label="Spent in total" value={money(f.spend, me)} />
        <Stat label="Average basket" value={f.averageBasket === null ? '—' : money(f.averageBasket, me)} />
      </SimpleGrid>
    </Section>
  );
}

function Contact({ customer: c, me }: { customer: Customer; me: Me }) {
  const locale = me.retailer.locale;
  const store = me.stores.find((s) => s.id === c.homeStoreId);
  const address = c.address
    ? [c.address.line1, c.address.line2, c.address.city, c.address.region, c.address.postcode, c.address.country].filter(Boolean).join(', ')
    : '';
  const dates = [...c.dates].map((d) => ({ ...d, until: daysUntil(d.month, d.day) })).sort((a, b) => a.until - b.until);
  const nothing = c.phones.length === 0 && c.emails.length === 0 && !address;
  return (
    <Section id="contact-heading" title="Contact, dates and people">
      <Stack gap={0}>
        {nothing && <Text c="dimmed">No phone, e-mail or address yet.</Text>}
        {c.phones.map((p) => (
          <Text key={`${p.label}${p.number}`}>
            <Text span c="dimmed">
              {p.label || 'phone'}:{' '}
            </Text>
            <Anchor href={`tel:${p.number.replace(/[^\d+]/g, '')}`} style={TAP}>
              {p.number}
            </Anchor>
          </Text>
        ))}
        {c.emails.map((e) => (
          <Text key={`${e.label}${e.address}`} style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed">
              {e.label || 'e-mail'}:{' '}
            </Text>
            <Anchor href={`mailto:${e.address}`} style={TAP}>
              {e.address}
            </Anchor>
          </Text>
        ))}
        {address && <Text>{address}</Text>}
        <Text size="sm" c="dimmed">
          {store ? `Home store: ${store.name}` : c.homeStoreId ? 'Home store: another store' : 'No home store: every store sees them'}
        </Text>
      </Stack>

      <Stack gap={4}>
        <Text fw={600}>Important dates</Text>
        {dates.length === 0 ? (
          <Text c="dimmed">None yet: a birthday or anniversary is a reason to get in touch.</Text>
        ) : (
          dates.map((d) => (
            <Text key={`${d.kind}${d.label}${d.month}-${d.day}`}>
              {d.kind === 'custom' ? (d.label ?? DATE_KIND.custom) : (d.label ?? DATE_KIND[d.kind])} · {dayAndMonth(d.month, d.day, locale)}
              {d.year ? ` ${d.year}` : ''}{' '}
              <Text span c={d.until <= 30 ? 'moss.8' : 'dimmed'} fw={d.until <= 30 ? 600 : undefined}>
                ({inDays(d.until, locale)})
              </Text>
            </Text>
          ))
        )}
      </Stack>

      <Stack gap={4}>
        <Text fw={600}>Household and gift recipients</Text>
        {c.household.length === 0 ? (
          <Text c="dimmed">Nobody recorded yet.</Text>
        ) : (
          c.household.map((h) => (
            <Group key={`${h.name}${h.relation}`} gap="xs" wrap="wrap">
              <Text>
                {h.name}
                {h.relation ? `, ${h.relation}` : ''}
                {h.notes ? ` — ${h.notes}` : ''}
              </Text>
              {h.giftRecipient && (
                <Badge variant="outline" color="moss.8" size="md">
                  Gift recipient
                </Badge>
              )}
            </Group>
          ))
        )}
      </Stack>
      <Text size="sm" c="dimmed">
        Profile last changed {dateTime(c.updatedAt, locale)}
      </Text>
    </Section>
  );
}
