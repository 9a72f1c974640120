import { Box, Card, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { type Behaviour, type DelightFigures, type FeedbackFilters, useFeedbackDelight } from './feedback.api.ts';
import { percent } from './words.ts';

const BEHAVIOUR_LABEL: Record<Behaviour, (questions: number) => string> = {
  space: () => 'The customer was given space to decide',
  gesture: () => 'A gesture was made',
  'in-stock': () => 'Everything asked for was there (no lost demand)',
  discovery: (n) => `${n} or more discovery questions answered`,
  recommended: () => 'Recommendations were shown',
  sale: () => 'The visit ended in a sale',
  assisted: () => 'A colleague assisted',
};

const average = (f: DelightFigures) => (f.averageSatisfaction === null ? '—' : f.averageSatisfaction.toFixed(1));

/**
 * "What goes with delighted customers": for the answers of the period, store and person chosen,
 * each behaviour of the visits with the answers of the visits that had it beside those that did not.
 */
export function DelightCard({ filters }: { filters: FeedbackFilters }) {
  const query = useFeedbackDelight(filters);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="delight-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="delight-heading">
          What goes with delighted customers
        </Title>
        {query.isPending ? (
          <LoadingState label="Loading what goes with delighted customers…" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => query.refetch()} title="These figures could not be loaded" />
        ) : query.data.answered === 0 ? (
          <Text c="dimmed">No visit was answered on these days: the figures appear with the first answers.</Text>
        ) : (
          <>
            <Text c="dimmed" size="sm">
              {query.data.answered} answered {query.data.answered === 1 ? 'visit' : 'visits'}, compared by what happened in them. Imported
              reviews are not counted.
            </Text>
            <Text id="delight-caption" size="sm" fw={500}>
              Answered visits with and without each behaviour: how many, average satisfaction, expectations exceeded
            </Text>
            {/* Scrolls sideways on a narrow screen, and takes the focus so a keyboard can scroll it. */}
            <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="delight-heading">
              <Table striped withColumnBorders miw={640} aria-labelledby="delight-caption">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Td />
                    <Table.Th scope="colgroup" colSpan={3}>
                      With it
                    </Table.Th>
                    <Table.Th scope="colgroup" colSpan={3}>
                      Without it
                    </Table.Th>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="col">Behaviour</Table.Th>
                    <Table.Th scope="col">Visits</Table.Th>
                    <Table.Th scope="col">Average</Table.Th>
                    <Table.Th scope="col">Exceeded</Table.Th>
                    <Table.Th scope="col">Visits</Table.Th>
                    <Table.Th scope="col">Average</Table.Th>
                    <Table.Th scope="col">Exceeded</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.behaviours.map((b) => (
                    <Table.Tr key={b.behaviour}>
                      <Table.Th scope="row" fw={500}>
                        {BEHAVIOUR_LABEL[b.behaviour](query.data.questions)}
                      </Table.Th>
                      <Table.Td>{b.with.visits}</Table.Td>
                      <Table.Td>{average(b.with)}</Table.Td>
                      <Table.Td>{percent(b.with.shareExceeded)}</Table.Td>
                      <Table.Td>{b.without.visits}</Table.Td>
                      <Table.Td>{average(b.without)}</Table.Td>
                      <Table.Td>{percent(b.without.shareExceeded)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </>
        )}
      </Stack>
    </Card>
  );
}
