import { Alert, Anchor, Box, Button, Group, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { money } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { useVocabulary, type Vocabulary, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import { type GuidanceSession, useGuidanceSession } from './guidance.api.ts';
import classes from './guidance.module.css';
import { categoryLabel, firstOpenStep, RESULTS } from './guidance-words.ts';
import { QuestionStep } from './QuestionStep.tsx';
import { customerName, RecommendationsStep } from './RecommendationsStep.tsx';

/**
 * `/selling/:id`: a visit, one question per screen, then the recommendations. The step lives in
 * the address (`?step=colours`), so the browser's Back goes back a question too. "Turn to
 * customer" hides what is for the associate only and shows a calm, large layout.
 */
export function GuidanceSessionPage() {
  return <VisitPage title="Guided selling">{(session, vocab) => <Visit session={session} vocab={vocab} />}</VisitPage>;
}

/**
 * A screen of the visit in the address (`/selling/:id…`), shown once the visit and the shop's
 * vocabulary are loaded. Until then it says the visit is opening; if either cannot be loaded, it
 * says so, with a way to try again or to start another visit.
 */
export function VisitPage(props: { title: string; children: (session: GuidanceSession, vocab: Vocabulary) => ReactNode }) {
  const { id = '' } = useParams();
  const session = useGuidanceSession(id);
  const vocabulary = useVocabulary();
  if (session.isPending || (vocabulary.isPending && !vocabulary.isError)) {
    return (
      <Page title={props.title}>
        <LoadingState label="Opening the visit…" />
      </Page>
    );
  }
  if (session.isError || vocabulary.isError) {
    return (
      <Page title={props.title}>
        <ErrorState
          error={session.error ?? vocabulary.error}
          onRetry={() => {
            void session.refetch();
            void vocabulary.refetch();
          }}
          title="This visit could not be opened"
        />
        <LinkButton to="/selling" variant="light" w="fit-content">
          Start another visit
        </LinkButton>
      </Page>
    );
  }
  return props.children(session.data, vocabularyOf(vocabulary.data ?? []));
}

function Visit({ session, vocab }: { session: GuidanceSession; vocab: Vocabulary }) {
  const me = useSignedIn();
  const [params, setParams] = useSearchParams();
  const [customerView, setCustomerView] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const customerScreen = useRef<HTMLDivElement>(null);
  // Where a visit opens when the address names no step: the first question still open.
  const [opening] = useState(() => firstOpenStep(session.toAsk, session.answers, session.skipped));
  const asked = params.get('step') ?? opening;
  const step = asked === RESULTS || session.toAsk.includes(asked) ? asked : firstOpenStep(session.toAsk, session.answers, session.skipped);
  const question = session.set.definition.questions.find((q) => q.key === step);
  const name = customerName(session);

  const go = useCallback(
    (next: string) => {
      setParams((p) => {
        const out = new URLSearchParams(p);
        out.set('step', next);
        return out;
      });
    },
    [setParams],
  );
  // Each step starts at the top, on the page or on the customer's screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    window.scrollTo({ top: 0 });
    const screen = customerScreen.current;
    if (screen) for (const el of [screen, ...Array.from(screen.children)]) el.scrollTo({ top: 0 });
  }, [step]);
  // The same words twice in a row are still announced: the region is cleared first.
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);

  const basketTotal = session.basket.reduce((s, l) => s + l.total, 0);

  /** The visit as the associate or the customer sees it. */
  const visit = (forCustomer: boolean) => (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="xs" wrap="wrap">
        <Text c="dimmed" size={forCustomer ? 'lg' : 'md'} style={{ flex: '1 1 10rem' }}>
          {session.customer && !forCustomer ? (
            <>
              For{' '}
              <Anchor
                component={Link}
                to={`/customers/${session.customer.id}`}
                style={{ display: 'inline-flex', minHeight: 44, alignItems: 'center' }}
              >
                {name}
              </Anchor>
            </>
          ) : session.customer ? (
            `For ${name}`
          ) : forCustomer ? null : (
            'For someone not yet known'
          )}
          {session.category ? `${session.customer || !forCustomer ? ' · ' : ''}${categoryLabel(session.category.path)}` : ''}
        </Text>
        {step !== RESULTS && (
          <Button variant="light" size="md" onClick={() => go(RESULTS)}>
            {session.basket.length ? `Show recommendations · basket ${money(basketTotal, me)}` : 'Show recommendations'}
          </Button>
        )}
      </Group>

      {!forCustomer && session.set.version < session.set.currentVersion && (
        <Alert color="gray" variant="light" title="This question set has changed since the visit began">
          The visit keeps the questions it started with (version {session.set.version}); the next visit asks the new ones (version{' '}
          {session.set.currentVersion}).
        </Alert>
      )}

      {step === RESULTS || !question ? (
        <RecommendationsStep key={RESULTS} session={session} vocab={vocab} customerView={forCustomer} onGo={go} onAnnounce={announce} />
      ) : (
        <QuestionStep
          key={question.key}
          session={session}
          question={question}
          vocab={vocab}
          customerView={forCustomer}
          onGo={go}
          onAnnounce={announce}
        />
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );

  return (
    <Page
      title={session.set.name}
      actions={
        <Group gap="sm" wrap="wrap">
          {/* A second opinion between a few of the options: the questions that tell them apart. */}
          <LinkButton to={`/selling/${encodeURIComponent(session.id)}/compare`} variant="default" size="lg">
            Compare options
          </LinkButton>
          <Button variant="default" size="lg" onClick={() => setCustomerView(true)}>
            Turn to customer
          </Button>
        </Group>
      }
    >
      {customerView ? <Text c="dimmed">The customer view is open.</Text> : visit(false)}
      {/* The customer's screen covers the whole tablet: no navigation, nothing meant for the team. */}
      <Modal.Root opened={customerView} onClose={() => setCustomerView(false)} fullScreen transitionProps={{ duration: 0 }}>
        <Modal.Content ref={customerScreen}>
          <Box maw={880} mx="auto" px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'xl' }} className={classes.customerView}>
            <Stack gap="lg">
              <Group justify="space-between" align="center" gap="sm" wrap="wrap">
                <Modal.Title component="h1" style={{ fontSize: '1.75rem', fontWeight: 650, lineHeight: 1.25 }}>
                  {session.set.name}
                </Modal.Title>
                <Button variant="default" size="lg" onClick={() => setCustomerView(false)}>
                  Back to staff view
                </Button>
              </Group>
              {customerView && visit(true)}
            </Stack>
          </Box>
        </Modal.Content>
      </Modal.Root>
    </Page>
  );
}
