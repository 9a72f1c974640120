import { Alert, Avatar, Button, Card, Group, List, Radio, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.ts';
import { Page } from '../../../ui/Page.tsx';
import { ErrorState, FormError, LoadingState } from '../../../ui/states.tsx';
import type { Me } from '../../auth/auth.api.ts';
import { useSignedIn } from '../../auth/me-context.ts';
import { useStaff } from '../../staff/staff.api.ts';
import { CUSTOMERS_KEY, type Customer, customerKey, useCustomer } from '../customers.api.ts';
import { dayAndMonth, lastVisit, money } from '../format.ts';
import { LinkButton } from '../LinkButton.tsx';
import { Section } from '../Section.tsx';
import { WarningAlert } from '../WarningAlert.tsx';
import { mergeCustomers, type PickedField, type Side } from './merge.api.ts';
import { type FieldRow, fieldRows, PICKED_LABEL, phoneKey, rawValue, takeOf, union } from './merge-plan.ts';
import { type FlashState, undoDate } from './notice.ts';

/** `/customers/:id/merge/:otherId`: the two profiles field by field; `:id` is the one that stays. */
export function MergePage() {
  const { id = '', otherId = '' } = useParams();
  const survivor = useCustomer(id);
  const other = useCustomer(otherId);
  const title = 'Compare and merge';
  if (id === otherId) {
    return (
      <Page title={title}>
        <ErrorState error={new ApiError(400, 'same', 'A profile cannot be merged with itself.')} title="Nothing to merge" />
        <LinkButton to="/customers/duplicates" variant="light" w="fit-content">
          Back to possible duplicates
        </LinkButton>
      </Page>
    );
  }
  if (survivor.isPending || other.isPending) {
    return (
      <Page title={title}>
        <LoadingState label="Loading both profiles…" />
      </Page>
    );
  }
  if (survivor.isError || other.isError) {
    return (
      <Page title={title}>
        <ErrorState
          error={survivor.error ?? other.error}
          onRetry={() => {
            void survivor.refetch();
            void other.refetch();
          }}
          title="These profiles could not be opened"
        />
        <LinkButton to="/customers/duplicates" variant="light" w="fit-content">
          Back to possible duplicates
        </LinkButton>
      </Page>
    );
  }
  const merged = [survivor.data, other.data].find((c) => c.mergedIntoId);
  if (merged) {
    return (
      <Page title={title}>
        <Alert color="gray" variant="light" title="Already merged">
          <Stack gap="sm" align="flex-start">
            <Text>
              {merged.displayName}’s profile was already merged into another. Open the profile it was merged into to see everything in one
              place.
            </Text>
            <LinkButton to={`/customers/${merged.mergedIntoId}`} variant="white">
              Open the merged profile
            </LinkButton>
          </Stack>
        </Alert>
      </Page>
    );
  }
  return (
    <Compare
      survivor={survivor.data}
      other={other.data}
      reload={async () => {
        await Promise.all([survivor.refetch(), other.refetch()]);
      }}
    />
  );
}

function Compare({ survivor: s, other: o, reload }: { survivor: Customer; other: Customer; reload: () => Promise<void> }) {
  const me = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const staff = useStaff();
  const [chosen, setChosen] = useState<Partial<Record<PickedField, Side>>>({});
  // Counts reloads after a stale-version refusal, so each one moves the focus to the notice.
  const [reloaded, setReloaded] = useState(0);
  const conflict = useRef<HTMLDivElement>(null);
  const rows = fieldRows(s, o, chosen);

  const merge = useMutation({
    mutationFn: () => mergeCustomers(s.id, { otherId: o.id, survivorVersion: s.version, otherVersion: o.version, take: takeOf(rows) }),
    onSuccess: ({ customer, merge }) => {
      queryClient.setQueryData(customerKey(customer.id), customer);
      // Search results, both profiles' duplicates and merges, the merged profile: all changed.
      void queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      const state: FlashState = {
        flash: `Merged. ${o.displayName}’s profile is now part of this one. You can undo this until ${undoDate(merge.undoableUntil, me.retailer.locale)}, under “Merged here” at the end of this profile.`,
      };
      navigate(`/customers/${customer.id}`, { state });
    },
    onError: async (err) => {
      if (err instanceof ApiError && err.code === 'stale_version') {
        await reload();
        setReloaded((n) => n + 1);
      }
    },
  });
  const stale = merge.error instanceof ApiError && merge.error.code === 'stale_version';
  useEffect(() => {
    if (reloaded) conflict.current?.focus();
  }, [reloaded]);

  /** The other profile stays instead; choices follow their values to the other side. */
  function swap() {
    const flip = (side: Side): Side => (side === 'survivor' ? 'other' : 'survivor');
    setChosen((c) => Object.fromEntries(Object.entries(c).map(([f, side]) => [f, flip(side)])));
    merge.reset();
    navigate(`/customers/${o.id}/merge/${s.id}`, { replace: true });
  }

  const staffName = (staffId: string) => staff.data?.find((p) => p.id === staffId)?.name ?? 'A colleague';
  const shown = (c: Customer, field: PickedField): string => {
    const v = rawValue(c, field);
    if (field === 'homeStoreId') return v ? (me.stores.find((st) => st.id === v)?.name ?? 'Another store') : 'No home store';
    if (field === 'assignedStaffId') return v ? staffName(v) : 'Nobody';
    return v || 'None';
  };

  return (
    <Page title="Compare and merge">
      <Text mt={-12}>
        Choose what to keep where the two profiles differ. Everything else from both profiles is combined into the one that stays.
      </Text>
      {stale && reloaded > 0 && (
        <div ref={conflict} tabIndex={-1} style={{ outline: 'none' }}>
          <WarningAlert title="Someone changed these profiles">
            <Text size="sm">
              A colleague saved one of these profiles while you were comparing them. The latest versions are shown below. Check your choices
              and merge again.
            </Text>
          </WarningAlert>
        </div>
      )}

      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <ProfileCard customer={s} part="Stays" me={me} />
        <ProfileCard customer={o} part="Merged into it" me={me} />
      </SimpleGrid>
      <Button variant="default" onClick={swap} w="fit-content">
        Keep {o.displayName} instead
      </Button>
      <VisuallyHidden role="status" aria-live="polite">
        {`${s.displayName} stays; ${o.displayName} is merged into it.`}
      </VisuallyHidden>

      <Section id="fields-heading" title="Choose what to keep">
        <Stack gap="md">
          {rows.map((row) => (
            <FieldChoice
              key={row.field}
              row={row}
              survivorName={s.displayName}
              otherName={o.displayName}
              survivorValue={shown(s, row.field)}
              otherValue={shown(o, row.field)}
              onChange={(side) => setChosen((c) => ({ ...c, [row.field]: side }))}
            />
          ))}
        </Stack>
      </Section>

      <Combined survivor={s} other={o} me={me} />

      <Stack gap="sm">
        {!stale && <FormError error={merge.error} />}
        <Text size="sm" c="dimmed">
          You can undo a merge for 30 days from {s.displayName}’s profile. Changes made after the merge are kept when you undo it.
        </Text>
        <Group gap="sm">
          <Button onClick={() => merge.mutate()} loading={merge.isPending}>
            Merge into {s.displayName}
          </Button>
          <LinkButton to={`/customers/${s.id}`} variant="default">
            Cancel
          </LinkButton>
        </Group>
      </Stack>
    </Page>
  );
}

function ProfileCard({ customer: c, part, me }: { customer: Customer; part: string; me: Me }) {
  const headingId = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Text size="sm" fw={650} c="moss.8" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          {part}
        </Text>
        <Group gap="sm" wrap="nowrap" align="center">
          <Avatar color="moss" radius="xl" aria-hidden="true">
            {c.initials}
          </Avatar>
          <Stack gap={0} miw={0}>
            <Title order={2} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {c.displayName}
            </Title>
            {c.fullName !== c.displayName && <Text size="sm">{c.fullName}</Text>}
          </Stack>
        </Group>
        <Text size="sm">
          {lastVisit(c.figures.lastVisitAt, me.retailer.locale)} · {c.figures.visits} visit{c.figures.visits === 1 ? '' : 's'}
        </Text>
        {[...c.phones.map((p) => p.number), ...c.emails.map((e) => e.address)].map((v) => (
          <Text key={v} size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {v}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

function FieldChoice(props: {
  row: FieldRow;
  survivorName: string;
  otherName: string;
  survivorValue: string;
  otherValue: string;
  onChange: (side: Side) => void;
}) {
  const name = useId();
  const { row } = props;
  const label = PICKED_LABEL[row.field];
  if (row.same) {
    return (
      <Group gap="xs" wrap="wrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={600}>{label}:</Text>
        <Text style={{ overflowWrap: 'anywhere' }}>{props.survivorValue}</Text>
        <Text c="dimmed">(same in both)</Text>
      </Group>
    );
  }
  const option = (side: Side, value: string, from: string) => (
    <Radio.Card value={side} p="sm" style={{ minHeight: '2.75rem', height: '100%' }}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Radio.Indicator mt={3} />
        <Stack gap={0} miw={0}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
          <Text size="sm" c="dimmed">
            from {from}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );
  return (
    <Radio.Group
      label={label}
      value={row.side}
      onChange={(v) => props.onChange(v as Side)}
      name={name}
      size="md"
      styles={{ label: { fontWeight: 600, marginBottom: 6 } }}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {option('survivor', props.survivorValue, props.survivorName)}
        {option('other', props.otherValue, props.otherName)}
      </SimpleGrid>
    </Radio.Group>
  );
}

/** What both profiles bring: lists joined, things that move, figures added up. */
function Combined({ survivor: s, other: o, me }: { survivor: Customer; other: Customer; me: Me }) {
  const locale = me.retailer.locale;
  const phones = union(s.phones, o.phones, (p) => phoneKey(p.number));
  const emails = union(s.emails, o.emails, (e) => e.address.trim().toLowerCase());
  const household = union(s.household, o.household, (h) => `${h.name.trim().toLowerCase()}|${h.relation.trim().toLowerCase()}`);
  const dates = union(s.dates, o.dates, (d) => `${d.kind}|${d.label ?? ''}|${d.month}-${d.day}`);
  const tags = union(s.tags, o.tags, (t) => t);
  const list = (items: string[]) => (items.length ? items.join(', ') : 'None');
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const prefs = o.preferences?.length ?? 0;
  const consents = o.consents?.length ?? 0;
  const saved = o.savedItems?.length ?? 0;
  const f = (c: Customer) => c.figures;
  return (
    <Section id="combined-heading" title="Combined in the profile that stays">
      <Stack gap={4}>
        <Text fw={600}>From both profiles</Text>
        <List spacing={4}>
          <List.Item>Phone numbers: {list(phones.map((p) => p.number))}</List.Item>
          <List.Item style={{ overflowWrap: 'anywhere' }}>E-mail addresses: {list(emails.map((e) => e.address))}</List.Item>
          <List.Item>
            Household and gift recipients: {list(household.map((h) => (h.relation ? `${h.name} (${h.relation})` : h.name)))}
          </List.Item>
          <List.Item>
            Important dates:{' '}
            {list(
              dates.map((d) => `${d.label ?? (d.kind === 'birthday' ? 'Birthday' : 'Anniversary')} ${dayAndMonth(d.month, d.day, locale)}`),
            )}
          </List.Item>
          <List.Item>Tags: {list(tags)}</List.Item>
        </List>
      </Stack>
      <Stack gap={4}>
        <Text fw={600}>Moves over from {o.displayName}</Text>
        <List spacing={4}>
          <List.Item>Notes and history</List.Item>
          <List.Item>{count(prefs, 'preference')}</List.Item>
          <List.Item>{count(consents, 'consent record')}</List.Item>
          <List.Item>{count(saved, 'saved item')}</List.Item>
        </List>
      </Stack>
      <Stack gap={4}>
        <Text fw={600}>Lifetime figures, added up</Text>
        <List spacing={4}>
          <List.Item>
            Visits: {f(s).visits} + {f(o).visits} = {f(s).visits + f(o).visits}
          </List.Item>
          <List.Item>
            Purchases: {f(s).purchases} + {f(o).purchases} = {f(s).purchases + f(o).purchases}
          </List.Item>
          <List.Item>
            Spent: {money(f(s).spend, me)} + {money(f(o).spend, me)} = {money(f(s).spend + f(o).spend, me)}
          </List.Item>
        </List>
      </Stack>
    </Section>
  );
}
