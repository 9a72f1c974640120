import { Alert, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose } from '../../../shared/customers.ts';
import { errorMessage } from '../../api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { type Consent, type Customer, customerKey, setConsent, timelineKey } from './customers.api.ts';
import { Section } from './Section.tsx';

const CHANNEL_LABEL: Record<ConsentChannel, string> = { email: 'E-mail', sms: 'Text messages', phone: 'Phone calls', post: 'Post' };
const PURPOSE_LABEL: Record<ConsentPurpose, string> = { service: 'About orders and visits', marketing: 'News and offers' };

/** Where consent is recorded from this screen: the customer said so at the counter. */
const SOURCE = 'in store';

/** Consent per channel and purpose; each change is recorded with its source, who and when. */
export function ConsentSection({ customer }: { customer: Customer }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const mayEdit = can(me, 'customers.edit');
  const change = useMutation({
    mutationFn: (v: { channel: ConsentChannel; purpose: ConsentPurpose; granted: boolean }) =>
      setConsent(customer.id, { ...v, source: SOURCE }),
    onSuccess: ({ items }) => {
      queryClient.setQueryData<Customer>(customerKey(customer.id), (c) => (c ? { ...c, consents: items } : c));
      void queryClient.invalidateQueries({ queryKey: timelineKey(customer.id) });
    },
  });
  const consents = customer.consents ?? [];
  const find = (channel: string, purpose: string): Consent | undefined =>
    consents.find((c) => c.channel === channel && c.purpose === purpose);

  return (
    <Section id="consent-heading" title="Consent">
      <Text size="sm" c="dimmed">
        Switch on only what {customer.displayName} has agreed to. Each change is recorded as given {SOURCE}, by you, now.
      </Text>
      {change.isError && (
        <Alert color="red" role="alert" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => change.reset()}>
          The consent could not be changed. {errorMessage(change.error)}
        </Alert>
      )}
      <Table layout="fixed" verticalSpacing="sm" horizontalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">Channel</Table.Th>
            {CONSENT_PURPOSES.map((purpose) => (
              <Table.Th key={purpose}>{PURPOSE_LABEL[purpose]}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CONSENT_CHANNELS.map((channel) => (
            <Table.Tr key={channel}>
              <Table.Th scope="row" fw={600}>
                {CHANNEL_LABEL[channel]}
              </Table.Th>
              {CONSENT_PURPOSES.map((purpose) => {
                const current = find(channel, purpose);
                const pending = change.isPending && change.variables?.channel === channel && change.variables.purpose === purpose;
                const checked = pending ? Boolean(change.variables?.granted) : Boolean(current?.granted);
                return (
                  <Table.Td key={purpose}>
                    <Switch
                      size="lg"
                      aria-label={`${CHANNEL_LABEL[channel]}: ${PURPOSE_LABEL[purpose].toLowerCase()}`}
                      aria-describedby={`consent-${channel}-${purpose}`}
                      checked={checked}
                      disabled={!mayEdit || change.isPending}
                      onChange={(e) => change.mutate({ channel, purpose, granted: e.currentTarget.checked })}
                    />
                    <Text size="xs" c="dimmed" id={`consent-${channel}-${purpose}`}>
                      {current
                        ? `${current.granted ? 'Agreed' : 'Declined'} ${new Intl.DateTimeFormat(me.retailer.locale, { dateStyle: 'medium' }).format(new Date(current.capturedAt))}, ${current.source}${current.capturedBy ? `, ${current.capturedBy.name}` : ''}`
                        : 'Not asked yet'}
                    </Text>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
