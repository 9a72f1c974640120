import { Alert, Anchor, Avatar, Button, Card, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../../ui/states.tsx';
import { useSignedIn } from '../../auth/me-context.ts';
import { CUSTOMERS_KEY } from '../customers.api.ts';
import { lastVisit } from '../format.ts';
import { LinkButton } from '../LinkButton.tsx';
import { type CustomerSummary, type DuplicatePair, dismissPair, likelySurvivor, useDuplicatePairs } from './merge.api.ts';

/** `/customers/duplicates`: profiles that look like the same person, for a manager to merge or tell apart. */
export function DuplicatesPage() {
  const pairs = useDuplicatePairs();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const notice = useRef<HTMLDivElement>(null);
  const items = pairs.data?.pages.flatMap((p) => p.items) ?? [];

  const dismiss = useMutation({
    mutationFn: (pair: DuplicatePair) => dismissPair(pair.a.id, pair.b.id),
    onSuccess: async (_, pair) => {
      await queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      setDone(`${pair.a.displayName} and ${pair.b.displayName} will not be suggested again.`);
    },
  });
  // The button that had the focus has gone with its pair: the confirmation takes it.
  useEffect(() => {
    if (done) notice.current?.focus();
  }, [done]);

  return (
    <Page title="Possible duplicates">
      <Text mt={-12}>
        Profiles that look like the same person: the same e-mail, the same phone, or a similar name with a phone ending alike. Compare them
        and merge, or say they are different people.
      </Text>
      {done && (
        <Alert color="moss" variant="light" role="status" ref={notice} tabIndex={-1}>
          {done}
        </Alert>
      )}
      {pairs.isPending ? (
        <LoadingState label="Looking for duplicates…" />
      ) : pairs.isError ? (
        <ErrorState error={pairs.error} onRetry={() => pairs.refetch()} title="Possible duplicates could not be loaded" />
      ) : items.length === 0 ? (
        <Empty
          title="No likely duplicates"
          description="When two profiles look like the same person, they show here for you to compare."
          action={
            <LinkButton to="/customers" variant="light">
              Back to customers
            </LinkButton>
          }
        />
      ) : (
        <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Likely duplicate pairs">
          {items.map((pair) => (
            <PairCard
              key={`${pair.a.id}:${pair.b.id}`}
              pair={pair}
              dismissing={dismiss.isPending && dismiss.variables === pair}
              error={dismiss.variables === pair ? dismiss.error : null}
              onDismiss={() => {
                setDone(null);
                dismiss.mutate(pair);
              }}
            />
          ))}
        </Stack>
      )}
      {pairs.hasNextPage && (
        <Button variant="default" onClick={() => pairs.fetchNextPage()} loading={pairs.isFetchingNextPage} w="fit-content">
          Show more
        </Button>
      )}
      {pairs.isFetchNextPageError && <FormError error={pairs.error} />}
    </Page>
  );
}

function PairCard(props: { pair: DuplicatePair; dismissing: boolean; error: unknown; onDismiss: () => void }) {
  const { pair } = props;
  const [survivor, other] = likelySurvivor(pair);
  const names = `${pair.a.displayName} and ${pair.b.displayName}`;
  return (
    <Card component="li" withBorder padding="md" aria-label={names}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Person customer={pair.a} />
          <Person customer={pair.b} />
        </SimpleGrid>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Why they look alike
          </Text>
          <List size="sm" spacing={2}>
            {pair.reasons.map((r) => (
              <List.Item key={`${r.kind}:${r.text}`}>{r.text}</List.Item>
            ))}
          </List>
        </Stack>
        <FormError error={props.error} />
        <Group gap="sm">
          <LinkButton to={`/customers/${survivor.id}/merge/${other.id}`} aria-label={`Compare and merge ${names}`}>
            Compare and merge
          </LinkButton>
          <Button variant="default" onClick={props.onDismiss} loading={props.dismissing} aria-label={`${names} are not the same person`}>
            Not the same person
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Person({ customer: c }: { customer: CustomerSummary }) {
  const me = useSignedIn();
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Avatar color="moss" radius="xl" aria-hidden="true">
        {c.initials}
      </Avatar>
      <Stack gap={0} miw={0}>
        <Anchor
          component={Link}
          to={`/customers/${c.id}`}
          fw={650}
          size="lg"
          style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
        >
          {c.displayName}
        </Anchor>
        {c.fullName !== c.displayName && <Text size="sm">{c.fullName}</Text>}
        <Text size="sm">
          {lastVisit(c.lastVisitAt, me.retailer.locale)} · {c.visits} visit{c.visits === 1 ? '' : 's'}
        </Text>
        {[...c.phones.map((p) => p.number), ...c.emails.map((e) => e.address)].map((v) => (
          <Text key={v} size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {v}
          </Text>
        ))}
      </Stack>
    </Group>
  );
}
