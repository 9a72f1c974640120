import { Alert, Avatar, Box, Button, Group, Radio, Select, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { newClientId } from '../../api.ts';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { useCategories } from '../catalog/catalog.api.ts';
import { MIN_QUERY, useCustomer, useCustomerSearch } from '../customers/customers.api.ts';
import { lastVisit } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import { sessionKey, startGuidance } from './guidance.api.ts';
import classes from './guidance.module.css';
import { categoryLabel } from './guidance-words.ts';
import { type QuestionSetSummary, useQuestionSet, useQuestionSets } from './question-sets/question-sets.api.ts';

const EVERYTHING = '__everything';

/** The store the visit happens in: the one the person is working in, else their first. */
function currentStore(me: Me): StoreRef | undefined {
  return me.stores.find((s) => s.id === me.currentStoreId) ?? me.stores[0];
}

/**
 * `/selling`: start helping someone — a customer from the book (`?customer=ID`, or found here) or
 * someone not yet known — with one of the shop's question sets, optionally narrowed to a category.
 */
export function GuidedSellingPage() {
  const me = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const mayViewCustomers = can(me, 'customers.view');
  const asked = params.get('customer');
  const customerId = mayViewCustomers ? asked : null;
  const store = currentStore(me);
  const sets = useQuestionSets();
  const active = (sets.data ?? []).filter((s) => s.active);
  const [picked, setPicked] = useState<string | null>(null);
  // With a single set there is nothing to choose between.
  const setId = picked ?? (active.length === 1 ? (active[0]?.id ?? null) : null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  // One id per choice: a retried start (a double tap, a lost answer) starts the visit once.
  const attempt = useRef<{ choice: string; clientId: string } | null>(null);

  // "compare" opens the visit on the compare screen: a second opinion between options already in mind.
  const start = useMutation({
    mutationFn: (_to: 'ask' | 'compare') => {
      if (!setId || !store) throw new Error('Choose a question set first.');
      const choice = JSON.stringify([setId, customerId, categoryId, store.id]);
      if (attempt.current?.choice !== choice) attempt.current = { choice, clientId: newClientId() };
      return startGuidance({ setId, storeId: store.id, customerId, categoryId, clientId: attempt.current.clientId });
    },
    onSuccess: (session, to) => {
      queryClient.setQueryData(sessionKey(session.id), session);
      navigate(to === 'compare' ? `/selling/${session.id}/compare` : `/selling/${session.id}`);
    },
  });

  const chooseCustomer = (id: string | null) => {
    start.reset();
    setParams(id ? { customer: id } : {}, { replace: true });
  };

  return (
    <Page
      title="Guided selling"
      actions={
        can(me, 'selling.configure') ? (
          <LinkButton to="/selling/question-sets" variant="default">
            Question sets
          </LinkButton>
        ) : null
      }
    >
      <Text c="dimmed" mt={-12}>
        Ask a few good questions, then recommend from the answers with honest reasons{store ? ` — at ${store.name}` : ''}.
      </Text>
      {!store ? (
        <Empty title="You are not in a store yet" description="Ask a manager to add you to the store you work in." />
      ) : (
        <>
          <Section id="who-heading" title="Who are you helping?">
            {asked && !mayViewCustomers && (
              <Alert color="gray" variant="light">
                Your role helps customers without opening their profiles, so this visit starts for someone not yet known.
              </Alert>
            )}
            {customerId ? (
              <ChosenCustomer id={customerId} onClear={() => chooseCustomer(null)} />
            ) : (
              <Stranger mayFind={mayViewCustomers} onChoose={chooseCustomer} />
            )}
          </Section>

          <Section id="set-heading" title="What are they looking for?">
            {sets.isPending ? (
              <LoadingState label="Loading the question sets…" />
            ) : sets.isError ? (
              <ErrorState error={sets.error} onRetry={() => sets.refetch()} title="The question sets could not be loaded" />
            ) : active.length === 0 ? (
              <Empty
                title="No question sets to ask from yet"
                description={
                  can(me, 'selling.configure')
                    ? 'Write the questions your team asks, why they matter and what each answer means for the recommendations.'
                    : 'An owner writes the questions your team asks under Question sets. Ask them to add one.'
                }
                action={
                  can(me, 'selling.configure') ? (
                    <LinkButton to="/selling/question-sets" variant="light">
                      Open Question sets
                    </LinkButton>
                  ) : null
                }
              />
            ) : (
              <SetChooser
                sets={active}
                value={setId}
                onChange={(id) => {
                  setPicked(id);
                  setCategoryId(null);
                  start.reset();
                }}
              />
            )}
            {setId && <CategoryChooser setId={setId} value={categoryId} onChange={setCategoryId} />}
          </Section>

          <Stack gap="sm">
            <FormError error={start.error} />
            <Group gap="sm" wrap="wrap">
              <Button
                size="lg"
                onClick={() => start.mutate('ask')}
                loading={start.isPending && start.variables === 'ask'}
                disabled={!setId || start.isPending}
                w={{ base: '100%', xs: 'auto' }}
              >
                Start asking
              </Button>
              <Button
                size="lg"
                variant="default"
                onClick={() => start.mutate('compare')}
                loading={start.isPending && start.variables === 'compare'}
                disabled={!setId || start.isPending}
                w={{ base: '100%', xs: 'auto' }}
              >
                Second opinion: compare options
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              Torn between a few options? Compare them: the few questions that tell them apart, then which fits better and why.
            </Text>
            {!setId && active.length > 1 && (
              <Text size="sm" c="dimmed">
                Choose a question set to start.
              </Text>
            )}
          </Stack>
        </>
      )}
    </Page>
  );
}

/** The customer the visit is for, with a way to help someone else instead. */
function ChosenCustomer({ id, onClear }: { id: string; onClear: () => void }) {
  const me = useSignedIn();
  const customer = useCustomer(id);
  if (customer.isPending) return <LoadingState label="Loading the customer…" />;
  if (customer.isError)
    return (
      <Stack gap="sm" align="flex-start">
        <ErrorState error={customer.error} title="This customer could not be opened" onRetry={() => customer.refetch()} />
        <Button variant="default" onClick={onClear}>
          Help someone else
        </Button>
      </Stack>
    );
  const c = customer.data;
  return (
    <Group justify="space-between" align="center" gap="md" wrap="wrap">
      <Group gap="md" wrap="nowrap" miw={0}>
        <Avatar color="moss" radius="xl" size="lg" aria-hidden="true">
          {c.initials}
        </Avatar>
        <Stack gap={0} miw={0}>
          <Text fw={650} size="xl">
            {c.displayName}
          </Text>
          <Text size="sm" c="dimmed">
            {c.fullName !== c.displayName ? `${c.fullName} · ` : ''}
            {lastVisit(c.figures.lastVisitAt, me.retailer.locale)}
          </Text>
        </Stack>
      </Group>
      <Button variant="default" onClick={onClear}>
        Someone else
      </Button>
    </Group>
  );
}

/** Someone not yet known, unless the associate finds them in the book. */
function Stranger({ mayFind, onChoose }: { mayFind: boolean; onChoose: (id: string) => void }) {
  const me = useSignedIn();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 150);
  const search = useCustomerSearch(debounced);
  const searching = debounced.trim().length >= MIN_QUERY;
  const results = searching ? (search.data ?? []).slice(0, 6) : [];
  return (
    <Stack gap="md">
      <Text>
        <Text span fw={650}>
          Someone not yet known.
        </Text>{' '}
        Their answers stay with this visit.
      </Text>
      {mayFind && (
        <Box role="search" aria-label="Customers">
          <TextInput
            label="Or find a customer"
            description="Name, phone number or e-mail"
            placeholder="e.g. Okafor"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            type="search"
            autoComplete="off"
            spellCheck={false}
          />
          <VisuallyHidden role="status" aria-live="polite">
            {searching && !search.isPending ? `${results.length} customer${results.length === 1 ? '' : 's'} found` : ''}
          </VisuallyHidden>
          {searching &&
            (search.isError ? (
              <Box mt="sm">
                <ErrorState error={search.error} title="The search did not work" onRetry={() => search.refetch()} />
              </Box>
            ) : search.isPending ? (
              <LoadingState label="Searching…" />
            ) : results.length === 0 ? (
              <Text c="dimmed" mt="sm">
                No one found for “{debounced.trim()}”. Carry on for someone not yet known.
              </Text>
            ) : (
              <Stack component="ul" gap={6} mt="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Customers found">
                {results.map((r) => (
                  <li key={r.id}>
                    <Button
                      variant="default"
                      fullWidth
                      justify="flex-start"
                      h="auto"
                      py="xs"
                      onClick={() => onChoose(r.id)}
                      aria-label={`Help ${r.displayName}`}
                      styles={{ label: { textAlign: 'start' } }}
                    >
                      <Stack gap={0} align="flex-start">
                        <Text fw={650}>{r.displayName}</Text>
                        <Text size="sm" c="dimmed">
                          {[r.fullName !== r.displayName ? r.fullName : null, lastVisit(r.lastVisitAt, me.retailer.locale)]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Stack>
                    </Button>
                  </li>
                ))}
              </Stack>
            ))}
        </Box>
      )}
    </Stack>
  );
}

/** The active question sets as large cards: a radio group, so arrow keys move between them. */
function SetChooser(props: { sets: QuestionSetSummary[]; value: string | null; onChange: (id: string) => void }) {
  return (
    <Radio.Group label="Question set" value={props.value} onChange={props.onChange} styles={{ label: { fontWeight: 600 } }}>
      <Stack gap="sm" mt={6}>
        {props.sets.map((s) => (
          <Radio.Card key={s.id} value={s.id} className={classes.setCard} withBorder>
            <Group wrap="nowrap" align="flex-start" gap="md">
              <Radio.Indicator size="md" mt={4} />
              <Stack gap={2} miw={0}>
                <Text fw={650} size="xl" lh={1.3}>
                  {s.name}
                </Text>
                {s.purpose && <Text c="dimmed">{s.purpose}</Text>}
                <Text size="sm" fw={600}>
                  {s.questions} question{s.questions === 1 ? '' : 's'}
                </Text>
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** Narrowing to one of the set's categories ("just cushions"), or everything it covers. */
function CategoryChooser(props: { setId: string; value: string | null; onChange: (id: string | null) => void }) {
  const set = useQuestionSet(props.setId ?? '', props.setId !== null);
  const categories = useCategories();
  if (set.isPending || categories.isPending) return <LoadingState label="Loading the categories…" />;
  if (set.isError || categories.isError)
    return (
      <ErrorState
        error={set.error ?? categories.error}
        title="The categories could not be loaded"
        onRetry={() => {
          void set.refetch();
          void categories.refetch();
        }}
      />
    );
  const roots = set.data.definition.categories ?? [];
  const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
  const options = categories.data
    .map((c) => ({ id: c.id, path: c.path.join('/') }))
    .filter((c) => roots.length === 0 || roots.some((root) => under(c.path, root)))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (options.length === 0) return null;
  return (
    <Select
      label="Narrow to one kind of item (optional)"
      description="Recommendations then come only from this category"
      data={[
        { value: EVERYTHING, label: 'Everything this set covers' },
        ...options.map((c) => ({ value: c.id, label: categoryLabel(c.path) })),
      ]}
      value={props.value ?? EVERYTHING}
      onChange={(v) => props.onChange(v && v !== EVERYTHING ? v : null)}
      searchable
      maw={480}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
