import { Anchor, Button, Group, Select, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage, newClientId } from '../../api.ts';
import { fromKeptCopy, useKeptCopy } from '../../kept.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { money } from '../customers/format.ts';
import { Section } from '../customers/Section.tsx';
import { type GuidanceSession, sessionKey, sessionPath, startGuidance, useGuidanceSession } from '../guidance/guidance.api.ts';
import { firstOpenStep, RESULTS } from '../guidance/guidance-words.ts';
import { QuestionStep } from '../guidance/QuestionStep.tsx';
import { useQuestionSets } from '../guidance/question-sets/question-sets.api.ts';
import { RecommendationsStep } from '../guidance/RecommendationsStep.tsx';
import { GuidanceWritesContext } from '../guidance/writes.ts';
import type { Visit } from '../visits/visits.api.ts';
import { type Term, useVocabulary, VOCABULARY_KEY, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import { queuedWrites } from './guidance-writes.ts';
import { sessionWithPending } from './pending.ts';
import { useSyncQueue } from './queue-context.tsx';
import { screenKey } from './screen.api.ts';
import type { QueueItem } from './sync/queue.ts';

/**
 * Guided selling inside the visit screen: start it (that needs the connection), then one question at
 * a time and the recommendations, substitutes, other stores and the basket, without leaving the
 * visit. Answers and basket lines go through the sync queue; recommendations are asked of the
 * server once this visit's answers have reached it.
 */
export function SellingPanel({ visit, me, items, online }: { visit: Visit; me: Me; items: QueueItem[]; online: boolean }) {
  const latest = visit.guidanceSessions.at(-1);
  return (
    <Section id="selling-heading" title="Guided selling">
      {latest ? (
        <InlineSession key={latest.id} sessionId={latest.id} visit={visit} me={me} items={items} online={online} />
      ) : (
        <StartSelling visit={visit} online={online} />
      )}
    </Section>
  );
}

function StartSelling({ visit, online }: { visit: Visit; online: boolean }) {
  const queryClient = useQueryClient();
  const sets = useQuestionSets();
  const active = (sets.data ?? []).filter((s) => s.active);
  const [picked, setPicked] = useState<string | null>(null);
  const setId = picked ?? (active.length === 1 ? (active[0]?.id ?? null) : null);
  // One start per set chosen: a repeated tap (or a retry after no answer) starts it once.
  const attempt = useRef<{ setId: string; clientId: string } | null>(null);
  const start = useMutation({
    mutationFn: () => {
      if (!setId) throw new Error('Choose what to help with first.');
      if (attempt.current?.setId !== setId) attempt.current = { setId, clientId: newClientId('c') };
      return startGuidance({ setId, storeId: visit.store.id, encounterId: visit.id, categoryId: null, clientId: attempt.current.clientId });
    },
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKey(session.id), session);
      await queryClient.invalidateQueries({ queryKey: screenKey(visit.id) });
    },
  });
  return (
    <Stack gap="sm">
      <Text c="dimmed">Ask good questions, then recommend from the answers, with the reasons.</Text>
      {active.length > 1 && (
        <Select
          label="Help them choose"
          placeholder="What are they looking for?"
          data={active.map((s) => ({ value: s.id, label: s.name }))}
          value={setId}
          onChange={setPicked}
        />
      )}
      {sets.isError && <Text c="red.8">{errorMessage(sets.error)}</Text>}
      {!online && <Text c="dimmed">Starting guided selling needs the connection.</Text>}
      <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!setId || !online} w="fit-content">
        Start guided selling
      </Button>
      {start.isError && (
        <Text c="red.8" role="alert">
          {start.error instanceof ApiError && start.error.status === 0
            ? 'Guided selling needs the connection. Try again when Ones can be reached.'
            : errorMessage(start.error)}
        </Text>
      )}
    </Stack>
  );
}

function InlineSession(props: { sessionId: string; visit: Visit; me: Me; items: QueueItem[]; online: boolean }) {
  const { sessionId, visit, items, online } = props;
  const queue = useSyncQueue();
  const session = useGuidanceSession(sessionId, fromKeptCopy<GuidanceSession>(sessionKey(sessionId)));
  const vocabulary = useVocabulary(fromKeptCopy<Term[]>(VOCABULARY_KEY));
  useKeptCopy(sessionKey(sessionId), session.data);
  useKeptCopy(VOCABULARY_KEY, vocabulary.data);
  const writes = useMemo(() => queuedWrites(queue, visit.id, online), [queue, visit.id, online]);
  const shown = useMemo(() => (session.data ? sessionWithPending(session.data, items) : undefined), [session.data, items]);

  if (!shown || !vocabulary.data) {
    if (session.isError || vocabulary.isError)
      return (
        <ErrorState
          error={session.error ?? vocabulary.error}
          title="Guided selling could not be opened"
          onRetry={() => {
            void session.refetch();
            void vocabulary.refetch();
          }}
        />
      );
    return <LoadingState label="Opening guided selling…" />;
  }
  return (
    <GuidanceWritesContext.Provider value={writes}>
      <Flow session={shown} vocab={vocabularyOf(vocabulary.data)} {...props} />
    </GuidanceWritesContext.Provider>
  );
}

function Flow({
  session,
  vocab,
  visit,
  me,
  items,
  online,
}: {
  session: GuidanceSession;
  vocab: ReturnType<typeof vocabularyOf>;
  visit: Visit;
  me: Me;
  items: QueueItem[];
  online: boolean;
}) {
  const [opening] = useState(() => firstOpenStep(session.toAsk, session.answers, session.skipped));
  const [asked, setAsked] = useState(opening);
  const [announcement, setAnnouncement] = useState('');
  const step = asked === RESULTS || session.toAsk.includes(asked) ? asked : firstOpenStep(session.toAsk, session.answers, session.skipped);
  const question = session.set.definition.questions.find((q) => q.key === step);
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);
  // Recommendations come from the server: they wait until it has every answer (and the category) given on this tablet.
  const unsent = items.filter((i) => i.path.startsWith(sessionPath(session.id, '/answers/')) || i.path === sessionPath(session.id));
  const basketTotal = session.basket.reduce((s, l) => s + l.total, 0);
  const older = visit.guidanceSessions.slice(0, -1);

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{session.set.name}</Text>
        <Group gap="xs" wrap="wrap">
          {step !== RESULTS && (
            <Button variant="light" onClick={() => setAsked(RESULTS)}>
              {session.basket.length ? `Recommendations · basket ${money(basketTotal, me)}` : 'Recommendations'}
            </Button>
          )}
          <Anchor component={Link} to={`/selling/${encodeURIComponent(session.id)}/compare`} style={TAP}>
            Compare options
          </Anchor>
        </Group>
      </Group>
      {step === RESULTS || !question ? (
        unsent.length > 0 ? (
          <Stack gap="sm" align="flex-start">
            <Text c="dimmed" role="status">
              {online
                ? 'Sending the answers given here first…'
                : 'Recommendations need the connection. The answers are kept on this tablet and sent as soon as Ones can be reached.'}
            </Text>
            {session.toAsk.length > 0 && (
              <Button variant="default" onClick={() => setAsked(session.toAsk[0] ?? RESULTS)}>
                Back to the questions
              </Button>
            )}
          </Stack>
        ) : (
          <RecommendationsStep key={RESULTS} session={session} vocab={vocab} customerView={false} onGo={setAsked} onAnnounce={announce} />
        )
      ) : (
        <QuestionStep
          key={question.key}
          session={session}
          question={question}
          vocab={vocab}
          customerView={false}
          onGo={setAsked}
          onAnnounce={announce}
        />
      )}
      {older.length > 0 && (
        <Text size="sm" c="dimmed">
          Earlier in this visit:{' '}
          {older.map((s, i) => (
            <span key={s.id}>
              {i > 0 && ', '}
              <Anchor component={Link} to={`/selling/${encodeURIComponent(s.id)}`}>
                {s.setName}
              </Anchor>
            </span>
          ))}
        </Text>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
