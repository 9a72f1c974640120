import { Alert, Anchor, Box, Button, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError, newClientId } from '../../api.ts';
import { keptCopy, useKeptCopy } from '../../kept.ts';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import { ME_KEY, type Me, useMe } from '../auth/auth.api.ts';
import { can, MeContext } from '../auth/me-context.ts';
import { lastVisit, money } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import { GUIDANCE_KEY, type GuidanceSession, sessionKey } from '../guidance/guidance.api.ts';
import { OutcomeBadge } from '../visits/visit/OutcomeBadge.tsx';
import type { Visit } from '../visits/visits.api.ts';
import { GESTURE_LABEL } from '../visits/words.ts';
import { CustomerPanel, StartersPanel } from './CustomerPanel.tsx';
import { secondsSince, spaceSince } from './cadence.ts';
import { FeedbackQr } from './FeedbackQr.tsx';
import { HandOver } from './HandOver.tsx';
import { LinkCustomer } from './LinkCustomer.tsx';
import { cannotMarkYet, itemsForVisit, pendingBasketLines, removedBasketLines, type ShownStep, withPending } from './pending.ts';
import { useSyncQueue } from './queue-context.tsx';
import { CurrentStep, StepList } from './RoadmapPanel.tsx';
import { SellingPanel } from './SellingPanel.tsx';
import { FailedChanges, SyncBadge, useQueuedItems } from './SyncStatus.tsx';
import { screenKey, useVisitScreen, type VisitScreenData, visitPath } from './screen.api.ts';
import type { QueueItem } from './sync/queue.ts';
import { useQueue } from './sync/useQueue.ts';
import { Cadence, ClosePanel, FollowUpPanel, GesturesPanel, GivingSpace, NotesPanel } from './VisitParts.tsx';
import classes from './visit-screen.module.css';

/**
 * `/visits/:id/live`: the associate's visit screen — who the customer is, the step to do now, notes,
 * gestures, guided selling and the basket, and the close — on one tablet screen. It has a frame of
 * its own, without the app's navigation, so the tablet's whole width serves the visit, and so it
 * still opens (with what is kept on the tablet) when Ones cannot be reached.
 */
export function VisitScreenPage() {
  const { id = '' } = useParams();
  return <LiveFrame key={id} id={id} />;
}

const isOffline = (err: unknown) => err instanceof ApiError && err.status === 0;

function LiveFrame({ id }: { id: string }) {
  const me = useMe();
  // Asked for at once, beside who is signed in, not after: one round trip less before the visit shows.
  useVisitScreen(id);
  const location = useLocation();
  useKeptCopy(ME_KEY, me.data);
  // Ones cannot be reached: the person this tab last showed is still the one at the tablet.
  const unreachable = me.fetchStatus === 'paused' || (me.isError && isOffline(me.error));
  const person = me.data ?? (me.data === undefined && unreachable ? keptCopy<Me>(ME_KEY)?.data : undefined);
  if (me.data === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (person) {
    return (
      <MeContext.Provider value={person}>
        {can(person, 'selling.assist') ? (
          <LiveScreen id={id} me={person} />
        ) : (
          <Frame title="Visit" me={person} id={id}>
            <Empty title="This screen is not for your role" description="Ask a manager if you need to help with visits." />
          </Frame>
        )}
      </MeContext.Provider>
    );
  }
  if (me.isError || me.fetchStatus === 'paused')
    return (
      <Frame title="Visit" id={id}>
        <OfflineState id={id} error={me.error} onRetry={() => me.refetch()} />
      </Frame>
    );
  return (
    <Center mih="100vh">
      <LoadingState label="Opening the visit…" />
    </Center>
  );
}

/** The screen's own frame: a way back to the visit's record, the heading and the sync state. */
function Frame({ title, subtitle, id, me, children }: { title: string; subtitle?: ReactNode; id: string; me?: Me; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Visit · Ones`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={classes.frame}>
      <Box component="header" py="sm">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Anchor component={Link} to={`/visits/${encodeURIComponent(id)}`} style={TAP}>
            Leave the visit screen
          </Anchor>
          {me && (
            <Text size="sm" c="dimmed" truncate>
              {me.staff.name}
            </Text>
          )}
        </Group>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" mt={4}>
          <Box miw={0}>
            <Title order={1} ref={heading} tabIndex={-1} fz={{ base: 28, sm: 34 }} style={{ outline: 'none', overflowWrap: 'anywhere' }}>
              {title}
            </Title>
            {subtitle}
          </Box>
          <SyncBadge />
        </Group>
      </Box>
      <main className={classes.main}>{children}</main>
    </div>
  );
}

/** Ones cannot be reached and nothing is loaded: say so, and show that this visit's changes are safe. */
function OfflineState({ id, error, onRetry }: { id: string; error: unknown; onRetry: () => void }) {
  const queue = useSyncQueue();
  const items = itemsForVisit(useQueuedItems(queue), id);
  // Trying again also sends what is kept here, without waiting for the queue's back-off.
  const retry = () => {
    void queue.tryNow();
    onRetry();
  };
  if (error && !isOffline(error)) return <ErrorState error={error} onRetry={retry} title="The visit could not be opened" />;
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" title="Ones cannot be reached" role="alert" classNames={{ title: classes.noticeTitle }}>
        <Stack gap="sm" align="flex-start">
          <Text>
            The visit cannot be shown until the connection is back.{' '}
            {items.length
              ? 'The changes already made are kept on this tablet and will be sent, in order, as soon as it is.'
              : 'Nothing of this visit is waiting on this tablet.'}
          </Text>
          <Button variant="white" color="dark" onClick={retry}>
            Try again
          </Button>
        </Stack>
      </Alert>
      {items.length > 0 && <KeptHere items={items} />}
    </Stack>
  );
}

function KeptHere({ items }: { items: QueueItem[] }) {
  return (
    <Section id="kept-heading" title="Kept on this tablet">
      <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby="kept-heading">
        {items.map((i) => (
          <Text component="li" key={i.id} style={{ overflowWrap: 'anywhere' }}>
            {i.label ?? 'A change'}
            <Text span size="sm" c="dimmed">
              {i.state === 'failed' ? ' · not saved' : ' · waiting to sync'}
            </Text>
          </Text>
        ))}
      </Stack>
    </Section>
  );
}

/** Who the visit is with, as the header says it. */
function whoOf(screen: VisitScreenData): string {
  const c = screen.customer;
  if (c) return c.preferredName ?? c.displayName;
  if (screen.visit.customer) return screen.visit.customer.preferredName ?? screen.visit.customer.name ?? 'A customer from the book';
  return 'Someone not yet known';
}

/** When the customer last came, before this visit: the latest earlier visit, or the profile's figure. */
function previousVisit(screen: VisitScreenData): string | null {
  const before = (iso: string | null | undefined): iso is string => !!iso && iso < screen.visit.times.startedAt;
  const candidates = [...(screen.history?.visits ?? []).map((v) => v.at), screen.customer?.figures.lastVisitAt].filter(before);
  return candidates.sort().at(-1) ?? null;
}

function LiveScreen({ id, me }: { id: string; me: Me }) {
  const screen = useVisitScreen(id);
  const queryClient = useQueryClient();
  const queue = useSyncQueue();

  // Each change saved from this tablet carries the visit back: show it at once, then read the rest again.
  useEffect(
    () =>
      queue.onSaved((item, body) => {
        if (!itemsForVisit([item], id).length) return;
        const visit = body as Partial<Visit> | null;
        if (visit && visit.id === id && Array.isArray(visit.steps))
          queryClient.setQueryData<VisitScreenData>(screenKey(id), (s) => (s ? { ...s, visit: visit as Visit } : s));
        // A guided-selling answer comes back with the session; a basket line, with the basket.
        const session = body as Partial<GuidanceSession> | null;
        if (session?.id && session.set && session.answers) queryClient.setQueryData(sessionKey(session.id), session);
        else if (item.path.startsWith('/api/guidance-sessions/')) void queryClient.invalidateQueries({ queryKey: GUIDANCE_KEY });
        void queryClient.invalidateQueries({ queryKey: screenKey(id) });
      }),
    [queue, queryClient, id],
  );

  // A refusal often means the visit moved on elsewhere (closed on another tablet): read it again.
  const refused = useQueue(queue).status.failed.length;
  useEffect(() => {
    if (refused) void queryClient.invalidateQueries({ queryKey: screenKey(id) });
  }, [refused, queryClient, id]);
  useKeptCopy(screenKey(id), screen.data);
  if (screen.data) return <Live screen={screen.data} me={me} />;
  if (screen.isError) {
    if (screen.error instanceof ApiError && screen.error.status === 404)
      return (
        <Frame title="Visit" id={id} me={me}>
          <Empty
            title="This visit was not found"
            description="The link may be wrong, or the visit was in a store you do not work in."
            action={
              <LinkButton to="/visits" variant="light">
                Back to visits
              </LinkButton>
            }
          />
        </Frame>
      );
    return (
      <Frame title="Visit" id={id} me={me}>
        <OfflineState id={id} error={screen.error} onRetry={() => screen.refetch()} />
      </Frame>
    );
  }
  return (
    <Frame title="Visit" id={id} me={me}>
      <LoadingState label="Loading the visit…" />
    </Frame>
  );
}

/** The space under way, if any (the server's, with the queued starts and ends), and a clock that ticks only while it runs. */
function useSpace(visit: Visit, items: QueueItem[]) {
  const since = spaceSince(visit, items);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return { active: since !== null, seconds: secondsSince(since, now) };
}

function Live({ screen, me }: { screen: VisitScreenData; me: Me }) {
  const queue = useSyncQueue();
  const { status } = useQueue(queue);
  const all = useQueuedItems(queue);
  const visit = screen.visit;
  const mine = useMemo(() => itemsForVisit(all, visit.id), [all, visit.id]);
  const shown = useMemo(() => withPending(visit, mine), [visit, mine]);
  const space = useSpace(visit, mine);
  const [markError, setMarkError] = useState<string | null>(null);
  const who = whoOf(screen);
  const previous = previousVisit(screen);
  const subtitle = (
    <Stack gap={0}>
      <Text c="dimmed">
        {screen.customer
          ? previous
            ? lastVisit(previous, me.retailer.locale)
            : 'No earlier visit recorded'
          : visit.customer
            ? 'A customer from the book'
            : 'Not linked to a profile yet'}
        {' · '}
        {visit.store.name}
      </Text>
      <Cadence visit={visit} me={me} />
    </Stack>
  );

  const enqueue = (
    kind: 'steps' | 'notes' | 'gestures' | 'follow-ups' | 'space' | 'space/end',
    body: Record<string, unknown>,
    label: string,
    happenedAt?: string,
  ) =>
    queue.enqueue({
      scope: visit.id,
      path: visitPath(visit.id, `/${kind}`),
      body: { clientId: newClientId(kind.slice(0, 2)), ...body },
      label,
      ...(happenedAt ? { happenedAt } : {}),
    });

  // Kept on the tablet, or said why not.
  const keepSafe = (p: Promise<unknown>) =>
    p.catch((err) => setMarkError(err instanceof Error ? err.message : 'The change could not be kept on this tablet.'));
  const mark = (step: ShownStep, status: 'done' | 'skipped') => {
    setMarkError(null);
    keepSafe(enqueue('steps', { key: step.key, status }, `Step “${step.name}” ${status === 'done' ? 'done' : 'skipped'}`, 'at'));
  };

  const backWithThem = () => keepSafe(enqueue('space/end', {}, 'Back with the customer', 'at'));
  const giveSpace = () => {
    keepSafe(enqueue('space', {}, 'Space given to decide', 'at'));
    const step = shown.steps.find((s) => s.key === 'give-space');
    // Recorded once, when the roadmap allows it now; the timer runs either way.
    if (step && step.state !== 'done' && step.state !== 'skipped' && !cannotMarkYet(shown.steps, step.key)) mark(step, 'done');
  };

  const online = status.online && (globalThis.navigator?.onLine ?? true);
  if (visit.status === 'closed')
    return (
      <Frame title={who} subtitle={subtitle} id={visit.id} me={me}>
        <div className={classes.columns}>
          <Stack gap="md" className={classes.column}>
            <Alert color="moss" variant="light" title="This visit is closed">
              <Stack gap="sm" align="flex-start">
                <Group gap="sm">
                  <OutcomeBadge status={visit.status} outcome={visit.outcome} noSaleReason={visit.noSaleReason} />
                  {visit.saleTotal !== null && <Text fw={650}>{money(visit.saleTotal, me)}</Text>}
                </Group>
                <LinkButton to={`/visits/${visit.id}`} variant="white">
                  Open the visit record
                </LinkButton>
              </Stack>
            </Alert>
            <FailedChanges items={mine} />
            <FeedbackQr visitId={visit.id} me={me} online={online} />
            <FollowUpPanel
              visit={visit}
              me={me}
              items={mine}
              onKeep={async (p, channel) => {
                await enqueue(
                  'follow-ups',
                  { kind: p.kind, title: p.title, channel, dueOn: p.dueOn, variantId: p.variantId },
                  `Follow-up “${p.title}”`,
                );
              }}
            />
            <StepList steps={shown.steps} me={me} timeZone={visit.store.timeZone} closed />
          </Stack>
          <Stack gap="md" className={classes.column}>
            <NotesPanel notes={shown.notes} me={me} timeZone={visit.store.timeZone} readOnly />
            <GesturesPanel gestures={shown.gestures} me={me} readOnly />
          </Stack>
        </div>
      </Frame>
    );

  const waiting = mine.filter((i) => i.state === 'waiting').length;

  return (
    <Frame title={who} subtitle={subtitle} id={visit.id} me={me}>
      <div className={classes.columns}>
        <Stack gap="md" className={classes.column}>
          <HandOver visit={visit} me={me} waiting={mine.length} online={online} />
          <FailedChanges items={mine} />
          {markError && (
            <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMarkError(null)}>
              {markError}
            </Alert>
          )}
          {space.active ? (
            <GivingSpace seconds={space.seconds} onBack={backWithThem} />
          ) : (
            <>
              <CurrentStep step={shown.currentStep} onMark={mark} closed={false} />
              <Button variant="default" onClick={giveSpace} w="fit-content">
                Give space
              </Button>
              <StartersPanel starters={screen.starters} />
            </>
          )}
          <LinkCustomer visit={visit} me={me} online={online} />
          <CustomerPanel screen={screen} me={me} />
          <StepList steps={shown.steps} me={me} timeZone={visit.store.timeZone} />
        </Stack>
        <Stack gap="md" className={classes.column}>
          {!space.active && <SellingPanel visit={visit} me={me} items={mine} online={online} />}
          <NotesPanel
            notes={shown.notes}
            me={me}
            timeZone={visit.store.timeZone}
            visitId={visit.id}
            onAdd={async (text) => {
              const short = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
              await enqueue('notes', { text }, `Note “${short}”`, 'at');
            }}
          />
          <GesturesPanel
            gestures={shown.gestures}
            me={me}
            visitId={visit.id}
            onGive={async (g) => {
              await enqueue('gestures', g, `${GESTURE_LABEL[g.kind]}: ${g.description.trim()}`, 'at');
            }}
          />
          {!space.active && (
            <ClosePanel
              screen={screen}
              me={me}
              online={online}
              waiting={waiting}
              pendingLines={pendingBasketLines(visit, mine)}
              removedLines={removedBasketLines(visit, mine)}
            />
          )}
        </Stack>
      </div>
    </Frame>
  );
}
