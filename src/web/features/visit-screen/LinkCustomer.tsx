import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { Me } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';
import { MIN_QUERY, useCustomerSearch } from '../customers/customers.api.ts';
import { lastVisit } from '../customers/format.ts';
import { Section } from '../customers/Section.tsx';
import type { Visit } from '../visits/visits.api.ts';
import { screenKey, visitPath } from './screen.api.ts';

/**
 * For a visit with someone not yet known: once they say who they are, find them in the book and
 * link the visit, so the screen shows their profile and what they bought. Needs the connection.
 */
export function LinkCustomer({ visit, me, online }: { visit: Visit; me: Me; online: boolean }) {
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const found = useCustomerSearch(q);
  const link = useMutation({
    mutationFn: (customerId: string) =>
      api<Visit>(visitPath(visit.id), { method: 'PATCH', body: { customerId }, headers: { 'if-match': `"${visit.version}"` } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: screenKey(visit.id) }),
  });
  if (visit.customer || !can(me, 'customers.view')) return null;
  const results = q.trim().length >= MIN_QUERY ? (found.data ?? []).slice(0, 5) : [];
  return (
    <Section id="link-heading" title="Who is it?">
      <TextInput
        label="Find them in the customer book"
        description="A name, a phone number or an e-mail."
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        disabled={!online}
      />
      {!online && <Text c="dimmed">Linking a visit to a profile needs the connection.</Text>}
      {results.length > 0 && (
        <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Customers found">
          {results.map((c) => (
            <Group component="li" key={c.id} justify="space-between" wrap="nowrap" gap="sm">
              <Text miw={0} style={{ overflowWrap: 'anywhere' }}>
                {c.displayName}
                <Text span c="dimmed" size="sm">
                  {' · '}
                  {c.lastVisitAt ? lastVisit(c.lastVisitAt, me.retailer.locale) : c.context}
                </Text>
              </Text>
              <Button
                variant="light"
                onClick={() => link.mutate(c.id)}
                loading={link.isPending && link.variables === c.id}
                aria-label={`This is ${c.displayName}`}
              >
                This is them
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      {q.trim().length >= MIN_QUERY && found.data?.length === 0 && <Text c="dimmed">No one in the book matches.</Text>}
      {link.isError && (
        <Text c="red.8" role="alert">
          {errorMessage(link.error)}
        </Text>
      )}
    </Section>
  );
}
