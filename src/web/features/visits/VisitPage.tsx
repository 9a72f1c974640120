import { Anchor, Badge, Box, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { Fact, TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import { dateTime, money, relativeTime } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import { EXPECTATIONS_LABEL, satisfactionText } from '../feedback/words.ts';
import { basketLines, customerLabel, dayAndTime, stepsFigure } from './visit/format.ts';
import { OutcomeBadge } from './visit/OutcomeBadge.tsx';
import { VisitTimeline } from './visit/Timeline.tsx';
import { buildTimeline, visitLength } from './visit/timeline.ts';
import { useVisit, type Visit } from './visits.api.ts';
import { CHANNEL_LABEL, duration, FOLLOW_UP_LABEL } from './words.ts';

const LIST = '/visits';

/** `/visits/:id`: one visit, step by step — who came, who helped, what happened when, and how it ended. */
export function VisitPage() {
  const { id = '' } = useParams();
  return <VisitScreen key={id} id={id} />;
}

function VisitScreen({ id }: { id: string }) {
  const visit = useVisit(id);
  if (visit.isError) {
    if (visit.error instanceof ApiError && visit.error.status === 404)
      return (
        <Page title="Visit">
          <Empty
            title="This visit was not found"
            description="The link may be wrong, or the visit was in a store you do not work in."
            action={
              <LinkButton to={LIST} variant="light">
                Back to visits
              </LinkButton>
            }
          />
        </Page>
      );
    return (
      <Page title="Visit">
        <ErrorState error={visit.error} onRetry={() => visit.refetch()} title="This visit could not be opened" />
        <LinkButton to={LIST} variant="light" w="fit-content">
          Back to visits
        </LinkButton>
      </Page>
    );
  }
  if (visit.isPending)
    return (
      <Page title="Visit">
        <LoadingState label="Loading the visit…" />
      </Page>
    );
  return <VisitDocument visit={visit.data} />;
}

function VisitDocument({ visit: v }: { visit: Visit }) {
  const me = useSignedIn();
  const timeZone = v.store.timeZone;
  const timeline = buildTimeline(v);
  return (
    <Page
      title="Visit"
      actions={
        v.status === 'open' ? <LinkButton to={`/visits/${encodeURIComponent(v.id)}/live`}>Open the visit screen</LinkButton> : undefined
      }
    >
      <Details visit={v} me={me} timeZone={timeZone} />
      <Box component="section" aria-label="Figures">
        <Figures visit={v} />
      </Box>
      <Section id="visit-story-heading" title="What happened">
        <VisitTimeline visit={v} timeline={timeline} me={me} timeZone={timeZone} />
      </Section>
      <Basket visit={v} me={me} />
      <Considered visit={v} />
      {v.feedback && <CustomerAnswer answer={v.feedback} me={me} />}
      <FollowUps visit={v} me={me} />
      <LinkButton to={LIST} variant="light" w="fit-content">
        Back to visits
      </LinkButton>
    </Page>
  );
}

const PART: Record<'lead' | 'assist', string> = { lead: 'lead', assist: 'assist' };

function Details({ visit: v, me, timeZone }: { visit: Visit; me: Me; timeZone: string }) {
  const c = v.customer;
  const older = v.roadmap.version < v.roadmap.currentVersion;
  return (
    <Section id="visit-details-heading" title="Details">
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm" m={0}>
        <Fact label="Customer">
          {c?.name ? (
            <>
              <Anchor component={Link} to={`/customers/${c.id}`} style={TAP}>
                {c.name}
              </Anchor>
              {c.preferredName && c.preferredName !== c.name && (
                <Text span c="dimmed">
                  {' '}
                  (prefers {c.preferredName})
                </Text>
              )}
            </>
          ) : (
            customerLabel(c)
          )}
        </Fact>
        <Fact label="Store">{v.store.name}</Fact>
        <Fact label="Started">{dayAndTime(v.times.startedAt, me.retailer.locale, timeZone)}</Fact>
        <Fact label={v.status === 'open' ? 'Status' : 'How it ended'}>
          <OutcomeBadge status={v.status} outcome={v.outcome} noSaleReason={v.noSaleReason} />
          {v.saleTotal !== null && (
            <Text span fw={650} ml="xs">
              {money(v.saleTotal, me)}
            </Text>
          )}
        </Fact>
        <Fact label="Who helped">
          {v.staff.length === 0 ? (
            'Nobody recorded'
          ) : (
            <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {v.staff.map((s) => (
                <li key={s.staffId}>
                  {s.name}{' '}
                  <Text span c="dimmed">
                    ({s.roles.map((r) => PART[r]).join(' and ')})
                  </Text>
                </li>
              ))}
            </Box>
          )}
        </Fact>
        <Fact label="Roadmap">
          {v.roadmap.name}, version {v.roadmap.version}
          {older && (
            <Text span display="block" size="sm" c="dimmed">
              An older version: the roadmap is at version {v.roadmap.currentVersion} now.
            </Text>
          )}
        </Fact>
      </SimpleGrid>
    </Section>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string | undefined }) {
  return (
    <Card withBorder padding="md">
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={650} fz="xl">
        {value}
      </Text>
      {note && (
        <Text component="dd" m={0} size="sm" c="dimmed">
          {note}
        </Text>
      )}
    </Card>
  );
}

function Figures({ visit: v }: { visit: Visit }) {
  const me = useSignedIn();
  const greet = v.times.secondsToGreet;
  const from = v.times.arrivedAt ? 'From when they came in' : 'From the start of the visit';
  const length = visitLength(v);
  const long = v.status === 'open' && length >= 12 * 3600;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3 }} spacing="sm" m={0}>
      <Figure
        label="Time to greet"
        value={greet !== null ? duration(greet) : v.status === 'open' ? 'Not greeted yet' : 'Not recorded'}
        note={greet !== null ? from : undefined}
      />
      <Figure
        label="Length of the visit"
        value={long ? 'Still open' : duration(length)}
        note={
          long
            ? `Started ${relativeTime(v.times.startedAt, me.retailer.locale)}`
            : v.status === 'open'
              ? 'So far: the visit is still open'
              : undefined
        }
      />
      <Figure label="Steps done" {...stepsFigure(v.steps)} />
      <Figure
        label="Time in discovery"
        value={v.times.secondsInDiscovery !== null ? duration(v.times.secondsInDiscovery) : 'Not begun'}
        note={
          v.times.secondsInDiscovery !== null && v.status === 'open' && v.currentStep === 'discover'
            ? 'So far: still discovering'
            : undefined
        }
      />
      <Figure
        label="Time given to decide"
        value={v.times.secondsGiven > 0 || v.times.spaceSince ? duration(v.times.secondsGiven) : 'None given'}
        note={v.times.spaceSince ? 'So far: the customer has space now' : undefined}
      />
    </SimpleGrid>
  );
}

function Basket({ visit: v, me }: { visit: Visit; me: Me }) {
  const lines = basketLines(v.basket);
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return (
    <Section id="visit-basket-heading" title="Basket">
      {v.basket.length === 0 ? (
        <Text c="dimmed">Nothing was put in the basket.</Text>
      ) : (
        <>
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="visit-basket-heading">
            {lines.map((l, i) => (
              <Group
                key={l.key}
                component="li"
                justify="space-between"
                align="flex-start"
                wrap="nowrap"
                gap="sm"
                py="xs"
                style={i === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Stack gap={2} miw={0} style={{ flex: 1 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {l.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {l.quantity} × {money(l.unitPrice, me)}
                  </Text>
                </Stack>
                <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {money(l.quantity * l.unitPrice, me)}
                </Text>
              </Group>
            ))}
          </Stack>
          <Group justify="space-between" gap="sm" pt="xs" style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
            <Text fw={650}>Basket total</Text>
            <Text fw={650}>{money(total, me)}</Text>
          </Group>
        </>
      )}
    </Section>
  );
}

/** How each considered product came up, in words. */
function consideredHow(c: NonNullable<Visit['considered']>[number]): string {
  const how = [c.recommended ? 'recommended' : null, c.compared ? 'compared' : null].filter(Boolean).join(' and ');
  const basket = c.basket === 'kept' ? 'in the basket' : c.basket === 'removed' ? 'put in the basket, then taken out' : null;
  const text = [how, basket].filter(Boolean).join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Considered({ visit: v }: { visit: Visit }) {
  const considered = v.considered ?? [];
  return (
    <Section id="visit-considered-heading" title="Items considered">
      {considered.length === 0 ? (
        <Text c="dimmed">Nothing was recommended, compared or put in the basket.</Text>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="visit-considered-heading">
          {considered.map((c, i) => (
            <Box
              key={c.productId}
              component="li"
              py="xs"
              style={i === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {c.title}
              </Text>
              <Text size="sm" c="dimmed">
                {consideredHow(c)}
              </Text>
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}

const YES_NO = (value: boolean | null, yes: string, no: string) => (value === null ? null : value ? yes : no);

function CustomerAnswer({ answer: a, me }: { answer: NonNullable<Visit['feedback']>; me: Me }) {
  const signs = [
    YES_NO(a.listened, 'Felt listened to', 'Did not feel listened to'),
    YES_NO(a.feltRushed, 'Felt rushed', 'Did not feel rushed'),
    YES_NO(a.inStock, 'Found what they wanted in stock', 'Did not find what they wanted in stock'),
  ].filter((x): x is string => x !== null);
  return (
    <Section id="visit-feedback-heading" title="What the customer said">
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm" m={0}>
        <Fact label="Satisfaction">
          {satisfactionText(a.satisfaction)}
          {a.poor && (
            <Badge color="red.8" variant="filled" size="md" ml="xs">
              To follow up
            </Badge>
          )}
        </Fact>
        <Fact label="Expectations">{a.expectations ? EXPECTATIONS_LABEL[a.expectations] : 'Not answered'}</Fact>
        {signs.length > 0 && <Fact label="How the visit felt">{signs.join(' · ')}</Fact>}
        <Fact label="Answered">{dateTime(a.answeredAt, me.retailer.locale)}</Fact>
      </SimpleGrid>
      {a.comment && (
        <Text component="blockquote" m={0} mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          “{a.comment}”
        </Text>
      )}
    </Section>
  );
}

const FOLLOW_UP_STATUS = {
  open: { label: 'Open', color: 'yellow.4', variant: 'filled' },
  done: { label: 'Done', color: 'moss.7', variant: 'filled' },
  cancelled: { label: 'Cancelled', color: 'gray.8', variant: 'outline' },
} as const;

function FollowUps({ visit: v, me }: { visit: Visit; me: Me }) {
  return (
    <Section id="visit-follow-ups-heading" title="Follow-ups">
      {v.followUps.length === 0 ? (
        <Text c="dimmed">No follow-ups were planned.</Text>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="visit-follow-ups-heading">
          {v.followUps.map((f, i) => {
            const status = FOLLOW_UP_STATUS[f.status];
            return (
              <Box key={f.id} component="li" py="xs" style={i === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {f.title}
                  </Text>
                  <Badge color={status.color} variant={status.variant} autoContrast size="md" style={{ flexShrink: 0 }}>
                    {status.label}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {[
                    FOLLOW_UP_LABEL[f.kind] ?? 'Follow-up',
                    CHANNEL_LABEL[f.channel] ?? f.channel,
                    f.dueAt ? `due ${dateTime(f.dueAt, me.retailer.locale)}` : 'when it is back in stock',
                    f.assigneeName ? `for ${f.assigneeName}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {f.status === 'done' && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {f.doneAt ? `Done ${dateTime(f.doneAt, me.retailer.locale)}` : 'Done'}
                    {f.outcome ? `: ${f.outcome}` : ''}
                  </Text>
                )}
              </Box>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
