import { Avatar, Badge, Box, Button, Group, Loader, Stack, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { can, firstName, useSignedIn } from '../auth/me-context.ts';
import { partOfDay } from '../home/HomePage.tsx';
import { MIN_QUERY, type SearchResult, useCustomerSearch } from './customers.api.ts';
import { lastVisit } from './format.ts';
import { LinkButton } from './LinkButton.tsx';

/**
 * `/customers`: the associate's home. One box finds a customer by name, phone or e-mail as you
 * type; arrow keys move through the results and Enter opens one.
 */
export function CustomersPage() {
  const me = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 150);
  const search = useCustomerSearch(debounced);
  // The highlighted result belongs to one set of results; new results start unhighlighted.
  const [highlight, setHighlight] = useState<{ of: SearchResult[] | undefined; index: number }>({ of: undefined, index: -1 });
  const input = useRef<HTMLInputElement>(null);
  const store = me.stores.find((s) => s.id === me.currentStoreId);
  const mayAdd = can(me, 'customers.edit');
  const mayImport = can(me, 'customers.merge');
  const mayBulk = can(me, 'customers.bulk');

  // After the page has focused its heading: this is a search page, so the box gets the focus.
  useEffect(() => input.current?.focus({ preventScroll: true }), []);
  // The query lives in the address, so Back from a profile returns to the same results.
  useEffect(() => {
    setParams(debounced.trim() ? { q: debounced.trim() } : {}, { replace: true });
  }, [debounced, setParams]);

  const query = q.trim();
  const searching = query.length >= MIN_QUERY;
  const results = searching ? (search.data ?? []) : [];
  const shownFor = debounced.trim();
  const active = highlight.of === search.data ? highlight.index : -1;
  const setActive = (next: (i: number) => number) => setHighlight({ of: search.data, index: next(active) });

  const fresh = searching && shownFor === query && !search.isPlaceholderData && !search.isPending;
  const [enterPending, setEnterPending] = useState(false);
  const open = (r: SearchResult) => navigate(`/customers/${r.id}`);
  // Enter pressed before the results caught up with the typing opens the first of the new results.
  const firstFresh = fresh ? results[0] : undefined;
  useEffect(() => {
    if (!enterPending || !fresh) return;
    setEnterPending(false);
    if (firstFresh) navigate(`/customers/${firstFresh.id}`);
  }, [enterPending, fresh, firstFresh, navigate]);
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && results.length) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (e.key === 'ArrowUp' && results.length) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Results still showing for an earlier query must not open the wrong person: wait for the new ones.
      const chosen = fresh ? (results[active] ?? results[0]) : undefined;
      if (chosen) open(chosen);
      else if (!fresh && searching) setEnterPending(true);
    } else if (e.key === 'Escape' && q) {
      setQ('');
    }
  }

  const newCustomer = mayAdd ? (
    <LinkButton to={query ? `/customers/new?q=${encodeURIComponent(query)}` : '/customers/new'}>New customer</LinkButton>
  ) : null;
  const status = !searching
    ? ''
    : search.isFetching && !search.isPlaceholderData && !search.data
      ? 'Searching…'
      : `${results.length === 20 ? 'At least 20' : results.length} customer${results.length === 1 ? '' : 's'} found`;

  return (
    <Page
      title="Customers"
      actions={
        mayImport ? (
          <Group gap="sm">
            <LinkButton to="/customers/duplicates" variant="default">
              Possible duplicates
            </LinkButton>
            {mayBulk && (
              <>
                <LinkButton to="/customers/import" variant="default">
                  Import customers
                </LinkButton>
                <Button
                  component="a"
                  href="/api/customers/export.csv"
                  download
                  variant="default"
                  styles={{ root: { display: 'inline-flex', alignItems: 'center', justifyContent: 'center' } }}
                >
                  Export CSV
                </Button>
              </>
            )}
            {newCustomer}
          </Group>
        ) : (
          newCustomer
        )
      }
    >
      <Text c="dimmed" mt={-12}>
        {partOfDay(store?.timeZone)}, {firstName(me.staff.name)}.{store ? ` You are at ${store.name}.` : ''}
      </Text>
      <Box role="search">
        <TextInput
          ref={input}
          size="xl"
          label="Find a customer"
          description="Name, phone number or e-mail"
          placeholder="e.g. Okafor, 0958, ada@"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setEnterPending(false);
          }}
          onKeyDown={onKeyDown}
          type="search"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={results.length > 0}
          aria-controls="customer-results"
          aria-activedescendant={active >= 0 && results[active] ? `customer-${results[active].id}` : undefined}
          rightSection={search.isFetching && searching ? <Loader size="sm" aria-hidden="true" /> : null}
        />
        <VisuallyHidden role="status" aria-live="polite">
          {status}
        </VisuallyHidden>
      </Box>

      {!searching ? (
        <Empty
          title="Who are you looking for?"
          description="Type any part of their name (“oka” finds Okafor, even with a typo), a phone number in any format or just its last four digits, or the start of their e-mail address."
        />
      ) : search.isError && !search.data ? (
        <ErrorState error={search.error} onRetry={() => search.refetch()} title="The search did not work" />
      ) : search.isPending ? (
        <LoadingState label="Searching…" />
      ) : results.length === 0 ? (
        <Empty
          title={`No one found for “${shownFor}”`}
          description="Check the spelling, try fewer letters or the last four digits of their phone. New to the shop? Add them."
          action={
            mayAdd ? (
              <LinkButton to={`/customers/new?q=${encodeURIComponent(shownFor)}`} variant="light">
                Add “{shownFor}” as a new customer
              </LinkButton>
            ) : null
          }
        />
      ) : (
        <Stack
          gap={6}
          component="ul"
          role="listbox"
          id="customer-results"
          aria-busy={!fresh}
          aria-label="Customers found"
          p={0}
          m={0}
          style={{ listStyle: 'none', opacity: search.isPlaceholderData ? 0.7 : 1 }}
        >
          {results.map((r, i) => (
            <ResultRow
              key={r.id}
              result={r}
              active={i === active}
              locale={me.retailer.locale}
              onOpen={() => open(r)}
              onHover={() => setActive(() => i)}
            />
          ))}
        </Stack>
      )}
    </Page>
  );
}

function ResultRow(props: { result: SearchResult; active: boolean; locale: string; onOpen: () => void; onHover: () => void }) {
  const r = props.result;
  return (
    <UnstyledButton
      component="li"
      role="option"
      id={`customer-${r.id}`}
      aria-selected={props.active}
      onClick={props.onOpen}
      onMouseEnter={props.onHover}
      tabIndex={-1}
      p="sm"
      style={{
        display: 'block',
        minHeight: 64,
        borderRadius: 'var(--mantine-radius-md)',
        border: '1px solid var(--mantine-color-gray-3)',
        background: props.active ? 'var(--mantine-color-moss-0)' : 'var(--mantine-color-white)',
        outline: props.active ? '2px solid var(--mantine-color-moss-7)' : undefined,
      }}
    >
      <Group wrap="nowrap" gap="md" align="flex-start">
        <Avatar color="moss" radius="xl" size="lg" aria-hidden="true">
          {r.initials}
        </Avatar>
        <Stack gap={0} miw={0} style={{ flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={650} size="lg">
              {r.displayName}
            </Text>
            {r.fullName !== r.displayName && <Text c="dimmed">{r.fullName}</Text>}
            {r.match === 'typo' && (
              <Badge variant="outline" color="gray.7" size="md">
                Did you mean?
              </Badge>
            )}
          </Group>
          <Text size="sm">{lastVisit(r.lastVisitAt, props.locale)}</Text>
          {r.context && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {r.context}
            </Text>
          )}
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
