import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../../ui/states.tsx';
import { useSignedIn } from '../../auth/me-context.ts';
import { dateTime } from '../../customers/format.ts';
import { LinkButton } from '../../customers/LinkButton.tsx';
import { useQuestionSets } from './question-sets.api.ts';
import { count } from './words.ts';

/** `/selling/question-sets` (owners): the sets guided selling asks from, active ones first. */
export function QuestionSetsPage() {
  const me = useSignedIn();
  const sets = useQuestionSets();
  const create = (
    <LinkButton to="/selling/question-sets/new" variant="filled">
      New question set
    </LinkButton>
  );
  return (
    <Page title="Question sets" actions={create}>
      <Text c="dimmed" mt={-12} maw="70ch">
        What guided selling asks, why each question matters, and what every answer means for the recommendations. Each save makes a new
        version; visits already under way keep the version they started with.
      </Text>
      {sets.isPending ? (
        <LoadingState label="Loading the question sets…" />
      ) : sets.isError ? (
        <ErrorState error={sets.error} onRetry={() => sets.refetch()} />
      ) : sets.data.length === 0 ? (
        <Empty
          title="No question sets yet"
          description="Write the questions your best people ask, and what each answer means for what you recommend."
          action={create}
        />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Question sets">
          {sets.data.map((s) => (
            <Card key={s.id} component="li" withBorder padding="md">
              <Stack gap={6}>
                <Title order={2} size="h4">
                  <Anchor
                    component={Link}
                    to={`/selling/question-sets/${encodeURIComponent(s.id)}`}
                    fz="inherit"
                    fw="inherit"
                    style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
                  >
                    {s.name}
                  </Anchor>
                </Title>
                {s.purpose && <Text>{s.purpose}</Text>}
                <Group gap="xs" wrap="wrap">
                  {s.active ? (
                    <Badge variant="outline" color="moss.8">
                      Active
                    </Badge>
                  ) : (
                    <Badge variant="outline" color="gray.7">
                      Switched off
                    </Badge>
                  )}
                  <Badge variant="outline" color="gray.7">
                    Version {s.version}
                  </Badge>
                  <Badge variant="outline" color="gray.7">
                    {count(s.questions, 'question')}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  Last changed {dateTime(s.updatedAt, me.retailer.locale)}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Page>
  );
}
