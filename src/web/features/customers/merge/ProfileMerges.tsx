import { Alert, Anchor, Avatar, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../../api.ts';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorState } from '../../../ui/states.tsx';
import { TAP } from '../../../ui/text.tsx';
import { can, MeContext, useSignedIn } from '../../auth/me-context.ts';
import { CUSTOMERS_KEY, type Customer, customerKey } from '../customers.api.ts';
import { dateTime, lastVisit } from '../format.ts';
import { LinkButton } from '../LinkButton.tsx';
import { Section } from '../Section.tsx';
import { type Merge, unmerge, useDuplicatesOf, useMerges } from './merge.api.ts';
import { flashOf, undoDate } from './notice.ts';

/** A profile merged into another is read-only: its sections see a signed-in person who may not edit. */
export function ReadOnlyIfMerged({ customer, children }: { customer: Customer; children: ReactNode }) {
  const me = useSignedIn();
  const readOnly = useMemo(() => ({ ...me, permissions: me.permissions.filter((p) => p !== 'customers.edit') }), [me]);
  return customer.mergedIntoId ? <MeContext.Provider value={readOnly}>{children}</MeContext.Provider> : children;
}

/** The confirmation another page left for this one (e.g. "Merged. You can undo this until …"). */
export function FlashNotice() {
  const location = useLocation();
  const flash = flashOf(location.state);
  if (!flash) return null;
  return (
    <Alert color="moss" variant="light" role="status">
      {flash}
    </Alert>
  );
}

/** On a profile merged into another: where everything is now. The profile itself is read-only. */
export function MergedIntoBanner({ customer }: { customer: Customer }) {
  const intoId = customer.mergedIntoId ?? '';
  const into = useQuery({
    queryKey: customerKey(intoId),
    queryFn: ({ signal }) => api<Customer>(`/api/customers/${encodeURIComponent(intoId)}`, { signal }),
    enabled: Boolean(intoId),
  });
  if (!customer.mergedIntoId) return null;
  const name = into.data?.displayName ?? 'another profile';
  return (
    <Alert color="gray" variant="light" title={`Merged into ${name}`} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          This profile was merged into {name}’s. Its notes, preferences, consents and saved items are there now, and this copy can no longer
          be changed.
        </Text>
        <LinkButton to={`/customers/${customer.mergedIntoId}`} variant="white">
          Go to {name}
        </LinkButton>
      </Stack>
    </Alert>
  );
}

/** Profiles that look like this one; managers can go and compare them. Quiet when there are none. */
export function DuplicatesNotice({ customer }: { customer: Customer }) {
  const me = useSignedIn();
  const duplicates = useDuplicatesOf(customer.id, !customer.mergedIntoId);
  const items = duplicates.data ?? [];
  if (customer.mergedIntoId || items.length === 0) return null;
  const mayMerge = can(me, 'customers.merge');
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="duplicates-heading"
      style={{ background: 'var(--mantine-color-yellow-0)', borderColor: 'var(--mantine-color-yellow-6)' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="duplicates-heading">
          Possible duplicates
        </Title>
        <Text size="sm">
          {items.length === 1 ? 'Another profile looks' : `${items.length} other profiles look`} like the same person.
          {mayMerge ? '' : ' A store manager can merge them.'}
        </Text>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map(({ customer: d, reasons }) => (
            <Group key={d.id} component="li" gap="sm" wrap="wrap" justify="space-between" align="center">
              <Group gap="sm" wrap="nowrap" align="flex-start" miw={0} style={{ flex: '1 1 16rem' }}>
                <Avatar color="moss" radius="xl" aria-hidden="true">
                  {d.initials}
                </Avatar>
                <Stack gap={0} miw={0}>
                  <Anchor component={Link} to={`/customers/${d.id}`} fw={650} style={TAP}>
                    {d.displayName}
                    {d.fullName !== d.displayName ? ` (${d.fullName})` : ''}
                  </Anchor>
                  <Text size="sm">
                    {lastVisit(d.lastVisitAt, me.retailer.locale)}
                    {d.context ? ` · ${d.context}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {reasons.map((r) => r.text).join('. ')}
                  </Text>
                </Stack>
              </Group>
              {mayMerge && (
                <LinkButton
                  to={`/customers/${customer.id}/merge/${d.id}`}
                  variant="light"
                  aria-label={`Compare and merge ${customer.displayName} and ${d.displayName}`}
                >
                  Compare and merge
                </LinkButton>
              )}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

/** Profiles merged into this one, each with "Unmerge" while it can still be undone. */
export function MergedHereSection({ customer }: { customer: Customer }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const merges = useMerges(customer.id, !customer.mergedIntoId);
  const [undoing, setUndoing] = useState<Merge | null>(null);
  const [restored, setRestored] = useState<Customer | null>(null);
  const notice = useRef<HTMLDivElement>(null);
  const locale = me.retailer.locale;
  const mayMerge = can(me, 'customers.merge');

  const undo = useMutation({
    mutationFn: (m: Merge) => unmerge(m.id),
    onSuccess: async (result) => {
      setUndoing(null);
      setRestored(result.restored);
      // The answer holds both profiles as they are now: a cached "merged into" copy must not show.
      queryClient.setQueryData(customerKey(result.restored.id), result.restored);
      queryClient.setQueryData(customerKey(result.survivor.id), result.survivor);
      await queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
    },
  });
  // The Unmerge button is gone with the dialog: the confirmation takes the focus.
  useEffect(() => {
    if (restored) notice.current?.focus();
  }, [restored]);

  if (customer.mergedIntoId) return null;
  if (merges.isError) return <ErrorState error={merges.error} onRetry={() => merges.refetch()} title="Merges could not be loaded" />;
  const items = merges.data ?? [];
  if (items.length === 0 && !restored) return null;
  const now = Date.now();

  return (
    <Section id="merges-heading" title="Merged here">
      {restored && (
        <Alert color="moss" variant="light" role="status" ref={notice} tabIndex={-1}>
          <Text size="sm">
            Unmerged. {restored.displayName}’s profile is back on its own.{' '}
            <Anchor component={Link} to={`/customers/${restored.id}`} style={TAP}>
              Open {restored.displayName}
            </Anchor>
          </Text>
        </Alert>
      )}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Profiles merged into this one">
        {items.map((m) => {
          const open = !m.unmergedAt && new Date(m.undoableUntil).getTime() > now;
          return (
            <Group key={m.id} component="li" justify="space-between" wrap="wrap" gap="sm" align="center">
              <Stack gap={2} miw={0} style={{ flex: '1 1 16rem' }}>
                <Anchor component={Link} to={`/customers/${m.mergedId}`} fw={600} style={TAP}>
                  {m.mergedName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  Merged {m.mergedBy ? `by ${m.mergedBy.name} ` : ''}
                  {dateTime(m.mergedAt, locale)}
                </Text>
                <Text size="sm">
                  {m.unmergedAt
                    ? `Unmerged ${m.unmergedBy ? `by ${m.unmergedBy.name} ` : ''}${dateTime(m.unmergedAt, locale)}`
                    : open
                      ? `Can be undone until ${undoDate(m.undoableUntil, locale)}`
                      : 'Can no longer be undone'}
                </Text>
              </Stack>
              {open && mayMerge && (
                <Button variant="default" onClick={() => setUndoing(m)} aria-label={`Unmerge ${m.mergedName}`}>
                  Unmerge
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
      {undoing && (
        <ConfirmModal
          title={`Unmerge ${undoing.mergedName}?`}
          confirmLabel="Unmerge"
          pending={undo.isPending}
          error={undo.error}
          onConfirm={() => undo.mutate(undoing)}
          onClose={() => {
            undo.reset();
            setUndoing(null);
          }}
        >
          {undoing.mergedName}’s profile comes back on its own, with the notes, preferences, consents and saved items it brought. Changes
          made to {customer.displayName}’s profile since the merge are kept.
        </ConfirmModal>
      )}
    </Section>
  );
}
