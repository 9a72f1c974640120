import { Anchor, Badge, Box, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { Nowrap, TAP } from '../../../ui/text.tsx';
import type { Me } from '../../auth/auth.api.ts';
import { can } from '../../auth/me-context.ts';
import { LinkButton } from '../../customers/LinkButton.tsx';
import type { FollowUp } from '../visits.api.ts';
import { CHANNEL_LABEL, FOLLOW_UP_LABEL } from '../words.ts';
import { cardStyle } from './bits.tsx';
import { dayIn, dueWords, type FollowUpGroup, messageWords } from './schedule.ts';

const EDGE: Record<FollowUpGroup, string> = {
  overdue: 'var(--mantine-color-red-8)',
  today: 'var(--mantine-color-moss-6)',
  week: 'var(--mantine-color-gray-4)',
  later: 'var(--mantine-color-gray-4)',
  waiting: 'var(--mantine-color-yellow-5)',
};

/** "Thu 31 Dec, 10:00" where the store is. */
function dueMoment(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/** One open follow-up: what, how, when, for whom, and the ways to mark it done or cancel it. */
export function FollowUpCard(props: {
  item: FollowUp;
  group: FollowUpGroup;
  me: Me;
  today: string;
  timeZone: string | undefined;
  showAssignee: boolean;
  onDone: (f: FollowUp) => void;
  onCancel: (f: FollowUp) => void;
}) {
  const { item: f, me, group, today, timeZone } = props;
  const headingId = `follow-up-${f.id}`;
  const message = f.channel === 'email' && f.message ? messageWords(f.message) : null;
  const channel = CHANNEL_LABEL[f.channel] ?? f.channel;
  return (
    <Box component="li" px="md" py="sm" aria-labelledby={headingId} style={cardStyle(EDGE[group])}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" align="center">
          <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {f.title}
          </Title>
          {group === 'overdue' && (
            <Badge color="red.9" variant="filled" size="md">
              Overdue
            </Badge>
          )}
        </Group>
        <Group gap={8} wrap="wrap" align="center">
          <Badge color="gray.7" variant="outline" size="md">
            {FOLLOW_UP_LABEL[f.kind] ?? 'Follow-up'}
          </Badge>
          <Badge color="moss.8" variant="outline" size="md">
            {channel}
          </Badge>
        </Group>
        <Text fw={group === 'overdue' || group === 'today' ? 650 : undefined} c={group === 'overdue' ? 'red.9' : undefined}>
          {f.dueAt ? (
            <>
              {dueWords(dayIn(f.dueAt, timeZone), today)} · <Nowrap>{dueMoment(f.dueAt, me.retailer.locale, timeZone)}</Nowrap>
            </>
          ) : (
            'Waiting for the item to come in: it falls due when the delivery arrives.'
          )}
        </Text>
        <Text c="dimmed" size="sm" component="div">
          {f.customer ? (
            <span style={{ whiteSpace: 'nowrap' }}>
              Customer:{' '}
              {can(me, 'customers.view') ? (
                <Anchor component={Link} to={`/customers/${f.customer.id}`} size="sm" style={{ ...TAP, whiteSpace: 'normal' }}>
                  {f.customer.name}
                </Anchor>
              ) : (
                f.customer.name
              )}
            </span>
          ) : (
            'No customer recorded'
          )}
          {props.showAssignee && (
            <>
              {' · '}
              <Nowrap>
                {f.assigneeName ? `Assigned to ${f.assigneeName}` : f.assigneeId ? 'Assigned to a colleague' : 'Not assigned to anyone'}
              </Nowrap>
            </>
          )}
        </Text>
        {message && (
          <Text size="sm" fw={message.problem ? 650 : undefined} c={message.problem ? 'red.9' : 'dimmed'}>
            {message.text}
          </Text>
        )}
        <Group gap="sm" wrap="wrap" justify="flex-end" mt={4}>
          {f.encounterId && (
            <LinkButton to={`/visits/${f.encounterId}`} variant="default">
              Open the visit<VisuallyHidden>: {f.title}</VisuallyHidden>
            </LinkButton>
          )}
          <Button variant="default" onClick={() => props.onCancel(f)}>
            Not needed…<VisuallyHidden> {f.title}</VisuallyHidden>
          </Button>
          <Button onClick={() => props.onDone(f)}>
            Done…<VisuallyHidden> {f.title}</VisuallyHidden>
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
