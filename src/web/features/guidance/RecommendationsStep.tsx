import { Alert, Badge, Box, Button, Card, Checkbox, Collapse, Group, Select, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ATTRIBUTE_VOCABULARY } from '../../../shared/catalog.ts';
import type { VocabularyKind } from '../../../shared/customers.ts';
import type { MatchAttribute } from '../../../shared/domain/recommend.ts';
import { errorMessage, newClientId } from '../../api.ts';
import { ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { customerKey, timelineKey } from '../customers/customers.api.ts';
import { dayAndMonth, money } from '../customers/format.ts';
import { describePreference, PREFERENCE_LABEL } from '../customers/preferences.ts';
import { Section } from '../customers/Section.tsx';
import type { Vocabulary } from '../vocabulary/vocabulary.api.ts';
import { AlternativesPanel, GoesWellWith, LineHold, ReasonList, STOCK_TONE } from './Alternatives.tsx';
import { nextExpiry } from './alternatives-words.ts';
import {
  type BasketLine,
  type GuidanceSession,
  type Recommendation,
  type RecommendationList,
  sessionKey,
  useRecommendations,
} from './guidance.api.ts';
import classes from './guidance.module.css';
import {
  answerWords,
  categoryLabel,
  groupLeftOut,
  groupReasons,
  leftOutName,
  previousStep,
  RESULTS,
  stockBadge,
} from './guidance-words.ts';
import { useGuidanceWrites } from './writes.ts';

const PAGE = 10;
const MOST = 50;
const EVERYTHING = '__everything';
/** Left-out products shown before "Show all". */
const LEFT_OUT_SHOWN = 6;

/** Words for each attribute in the score breakdown. */
const ATTRIBUTE_WORDS: Record<MatchAttribute, string> = {
  colours: 'Colours',
  colourFamilies: 'Colour families',
  styles: 'Style',
  materials: 'Materials',
  rooms: 'Room',
  occasions: 'Occasion',
  sizes: 'Size',
  lifespan: 'How long it lasts',
  scent: 'Scent',
  care: 'Care',
};
const SOURCE_WORDS = { answer: 'today’s answer', preference: 'their profile', history: 'past purchases' } as const;

/** A name for the customer in sentences: their preferred name, else their name. */
export function customerName(session: GuidanceSession): string | null {
  return session.customer ? (session.customer.preferredName ?? session.customer.name) : null;
}

/**
 * The recommendations for the answers so far: the main list (best fit first, each with its
 * reasons and stock), what is worth stretching for above a flexible budget, what a rule left out,
 * the visit's basket, and — for a known customer who agrees — keeping the answers on their profile.
 */
export function RecommendationsStep(props: {
  session: GuidanceSession;
  vocab: Vocabulary;
  customerView: boolean;
  onGo: (step: string) => void;
  onAnnounce: (message: string) => void;
}) {
  const { session, customerView } = props;
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [limit, setLimit] = useState(PAGE);
  const [round, setRound] = useState(0);
  const list = useRecommendations(session, limit, round);
  const back = previousStep(session.toAsk, RESULTS);
  // The item whose substitutes and plans are open, if any.
  const [alternativesOf, setAlternativesOf] = useState<Recommendation | null>(null);
  const onAlternatives = customerView ? undefined : setAlternativesOf;

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);

  const writes = useGuidanceWrites();
  // Queued on the visit screen, so it runs while offline too.
  const narrow = useMutation({
    networkMode: 'always',
    mutationFn: (categoryId: string | null) => writes.narrow(session, categoryId),
    onSuccess: (next) => {
      queryClient.setQueryData(sessionKey(session.id), next);
      props.onAnnounce(next.category ? `Recommending from ${categoryLabel(next.category.path)}.` : 'Recommending from everything.');
    },
  });

  const data = list.data;
  return (
    <Stack gap="xl">
      <Stack gap="xs" component="section" aria-labelledby={headingId}>
        <Title
          order={2}
          id={headingId}
          ref={heading}
          tabIndex={-1}
          data-autofocus
          style={{ outline: 'none', fontSize: customerView ? '2.25rem' : '1.875rem', lineHeight: 1.2 }}
        >
          {customerView ? 'Suggestions for you' : 'Recommendations'}
        </Title>
        {data && <Text c="dimmed">{summary(data, me)}</Text>}
        {!customerView && session.categoryOptions.length > 0 && (
          <Box maw={420}>
            <Select
              label="Recommend from"
              data={[
                { value: EVERYTHING, label: 'Everything this set covers' },
                ...session.categoryOptions.map((c) => ({ value: c.id, label: categoryLabel(c.path) })),
              ]}
              value={session.category?.id ?? EVERYTHING}
              onChange={(v) => narrow.mutate(v && v !== EVERYTHING ? v : null)}
              searchable
              disabled={narrow.isPending}
              comboboxProps={{ withinPortal: true }}
            />
            <FormError error={narrow.error} />
          </Box>
        )}

        {list.isPending ? (
          <LoadingState label="Finding what fits…" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} title="The recommendations could not be made" />
        ) : data ? (
          <MainList
            session={session}
            vocab={props.vocab}
            list={data}
            customerView={customerView}
            updating={list.isPlaceholderData}
            canShowMore={data.main.length >= limit && limit < MOST}
            fetchingMore={list.isFetching}
            onMore={() => setLimit((l) => Math.min(MOST, l + PAGE))}
            onAgain={() => setRound((r) => r + 1)}
            onAnnounce={props.onAnnounce}
            onAlternatives={onAlternatives}
          />
        ) : null}
      </Stack>

      {data && data.stretch.length > 0 && (
        <Section id="stretch-heading" title="Worth stretching for?">
          <Text>
            {data.budget
              ? `These fit better than anything inside ${money(data.budget.max, me)}, and cost more.`
              : 'These fit better, and cost more.'}{' '}
            Only if {customerView ? 'you' : 'they'} would like to.
          </Text>
          <Stack component="ul" gap="md" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Worth stretching for">
            {data.stretch.map((r) => (
              <RecommendationCard
                key={r.variantId}
                session={session}
                vocab={props.vocab}
                rec={r}
                list={data}
                customerView={customerView}
                onAnnounce={props.onAnnounce}
                onAlternatives={onAlternatives}
              />
            ))}
          </Stack>
        </Section>
      )}

      {data && data.excluded.length > 0 && <LeftOut excluded={data.excluded} />}

      <Answers session={session} vocab={props.vocab} customerView={customerView} onGo={props.onGo} />

      <Basket session={session} onAnnounce={props.onAnnounce} />

      {!customerView && <GoesWellWith session={session} onAnnounce={props.onAnnounce} />}

      {!customerView && data && (
        <AlternativesPanel
          session={session}
          item={alternativesOf}
          quantity={data.quantity}
          onClose={() => setAlternativesOf(null)}
          // What was held is no longer available: the list says so once it is made again.
          onTaken={() => setRound((r) => r + 1)}
          onAnnounce={props.onAnnounce}
        />
      )}

      {!customerView && session.customer && can(me, 'customers.edit') && (
        <KeepAnswers session={session} vocab={props.vocab} onAnnounce={props.onAnnounce} />
      )}

      {back && (
        <Button variant="default" size="lg" onClick={() => props.onGo(back)} w={{ base: '100%', xs: 'auto' }}>
          Back to the questions
        </Button>
      )}
    </Stack>
  );
}

/** "For 10 · up to £30 (firm) · best fit first". */
function summary(list: RecommendationList, me: Me): string {
  const parts = [
    list.quantity > 1 ? `For ${list.quantity}` : null,
    list.budget ? `up to ${money(list.budget.max, me)} (${list.budget.firm ? 'firm' : 'flexible'})` : null,
    list.bestSellers ? null : 'best fit first',
  ].filter(Boolean);
  const text = parts.join(' · ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}

function MainList(props: {
  session: GuidanceSession;
  vocab: Vocabulary;
  list: RecommendationList;
  customerView: boolean;
  /** The list on screen is the previous one while a new one is made. */
  updating: boolean;
  canShowMore: boolean;
  fetchingMore: boolean;
  onMore: () => void;
  onAgain: () => void;
  onAnnounce: (m: string) => void;
  onAlternatives: ((r: Recommendation) => void) | undefined;
}) {
  const { list, customerView } = props;
  return (
    <Stack gap="md" mt="sm">
      {props.updating && <LoadingState label="Updating the list…" />}
      {!customerView && list.problems.length > 0 && (
        <Alert color="yellow" variant="light" title="Some answers could not be used">
          <Stack component="ul" gap={2} m={0} pl="md">
            {list.problems.map((p) => (
              <li key={p.path}>{p.message}</li>
            ))}
          </Stack>
        </Alert>
      )}
      {list.bestSellers && (
        <Alert color="gray" variant="light" title="Our best-sellers">
          Nothing we know about yet points to one item over another, so these are best-sellers we have here. A few answers will make them
          personal.
        </Alert>
      )}
      {list.main.length === 0 ? (
        <Alert color="gray" variant="light" title="Nothing fits all of that">
          {list.budget?.firm
            ? 'Nothing we have fits inside this budget for that quantity. A different quantity, or a wider choice of category, may help.'
            : 'Nothing we have fits these answers. Changing an answer, or recommending from everything, may help.'}
        </Alert>
      ) : (
        <Stack
          component="ol"
          gap="md"
          m={0}
          p={0}
          aria-busy={props.updating}
          style={{ listStyle: 'none', opacity: props.updating ? 0.6 : 1 }}
          aria-label={list.bestSellers ? 'Best-sellers' : 'Recommendations, best fit first'}
        >
          {list.main.map((r) => (
            <RecommendationCard
              key={r.variantId}
              session={props.session}
              vocab={props.vocab}
              rec={r}
              list={list}
              customerView={customerView}
              onAnnounce={props.onAnnounce}
              onAlternatives={props.onAlternatives}
            />
          ))}
        </Stack>
      )}
      <Group gap="sm" className={classes.actions} justify="flex-start">
        {props.canShowMore && (
          <Button variant="default" onClick={props.onMore} loading={props.fetchingMore}>
            Show more suggestions
          </Button>
        )}
        {!customerView && (
          <Button variant="subtle" onClick={props.onAgain} disabled={props.fetchingMore}>
            Check stock again
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function RecommendationCard(props: {
  session: GuidanceSession;
  vocab: Vocabulary;
  rec: Recommendation;
  list: RecommendationList;
  customerView: boolean;
  onAnnounce: (m: string) => void;
  /** Opens the item's substitutes and plans; not offered on the customer's screen. */
  onAlternatives: ((r: Recommendation) => void) | undefined;
}) {
  const { rec: r, list, session, customerView, vocab } = props;
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const writes = useGuidanceWrites();
  const titleId = useId();
  const [showScore, setShowScore] = useState(false);
  // One id per card: a repeated tap adds the item once.
  const [clientId, setClientId] = useState(newClientId);
  const reasons = groupReasons(r.reasons);
  const stock = stockBadge(r, list.quantity);
  const inBasket = session.basket.find((b) => b.variantId === r.variantId);
  // Fewer here than asked for: the way to substitutes and plans is offered first.
  const short = r.stock.here < list.quantity;

  const add = useMutation({
    // As answers (QuestionStep): the visit screen queues it, so it must run while offline too.
    networkMode: 'always',
    mutationFn: () =>
      writes.addToBasket(session, {
        clientId,
        variantId: r.variantId,
        productId: r.productId,
        quantity: list.quantity,
        listId: list.listId,
        title: r.title,
        unitPrice: r.unitPrice,
      }),
    onSuccess: (items) => {
      queryClient.setQueryData<GuidanceSession>(sessionKey(session.id), (s) => (s ? { ...s, basket: items } : s));
      setClientId(newClientId());
      props.onAnnounce(`Added ${r.title} to the basket.`);
    },
  });

  return (
    <Card component="li" withBorder padding="lg" radius="lg" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={4} miw={0} style={{ flex: '1 1 14rem' }}>
            <Title order={3} id={titleId} style={{ fontSize: customerView ? '1.5rem' : '1.25rem', lineHeight: 1.3 }}>
              {r.title}
            </Title>
            {(reasons.bestSeller || (!customerView && !list.bestSellers)) && (
              <Group gap="xs" wrap="wrap">
                {reasons.bestSeller && (
                  <Badge variant="outline" color="gray.8">
                    Best-seller
                  </Badge>
                )}
                {!customerView && !list.bestSellers && (
                  <Badge variant="default" color="gray.8">
                    Fit {Math.round(r.fit * 100)}%
                  </Badge>
                )}
              </Group>
            )}
          </Stack>
          <div className={classes.facts}>
            <Text fw={700} size={customerView ? '1.5rem' : 'xl'}>
              <VisuallyHidden>Total </VisuallyHidden>
              {money(r.total, me)}
            </Text>
            {list.quantity > 1 && (
              <Text size="sm" c="dimmed">
                {list.quantity} × {money(r.unitPrice, me)}
              </Text>
            )}
            {stock && (
              <Badge
                variant="outline"
                color={STOCK_TONE[stock.tone]}
                size="lg"
                style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'right' }}
              >
                {stock.text}
              </Badge>
            )}
          </div>
        </Group>

        <Stack gap="xs">
          {reasons.budget.map((t) => (
            <Text key={t} fw={600}>
              {t}
            </Text>
          ))}
          <ReasonList title="What matches" mark="✓" items={reasons.matches} color="moss.9" />
          <ReasonList title="What we don’t know" mark="?" items={reasons.unknown} color="gray.8" />
          <ReasonList title="What differs" mark="≠" items={reasons.differs} color="gray.8" />
        </Stack>

        <Group gap="sm" justify="space-between" align="center" wrap="wrap">
          <Group gap="md" wrap="wrap">
            {props.onAlternatives && (
              <Button
                variant={short ? 'light' : 'subtle'}
                px={short ? undefined : 6}
                onClick={() => props.onAlternatives?.(r)}
                aria-haspopup="dialog"
                aria-label={`${short ? 'Substitutes and plans' : 'Other options'} for ${r.title}`}
              >
                {short ? 'Substitutes and plans' : 'Other options'}
              </Button>
            )}
            {!customerView && r.breakdown.length > 0 && (
              <Button variant="subtle" px={6} onClick={() => setShowScore((s) => !s)} aria-expanded={showScore}>
                {showScore ? 'Hide how it scores' : 'How it scores'}
              </Button>
            )}
            {inBasket && (
              <Text fw={600} c="moss.9">
                ✓ In the basket
              </Text>
            )}
          </Group>
          <Button
            onClick={() => add.mutate()}
            loading={add.isPending}
            variant={inBasket ? 'default' : 'filled'}
            size="lg"
            aria-label={`${inBasket ? 'Add another' : 'Add'} ${r.title} to the basket`}
          >
            {inBasket ? 'Add another' : 'Add to basket'}
          </Button>
        </Group>
        {!customerView && (
          <Collapse expanded={showScore}>
            <Breakdown rec={r} vocab={vocab} />
          </Collapse>
        )}
        {add.error ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(add.error)}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The fit, attribute by attribute: what was wanted, what matched, and the points it earned. */
function Breakdown({ rec, vocab }: { rec: Recommendation; vocab: Vocabulary }) {
  const words = (attribute: MatchAttribute, keys: string[]) => {
    const kind = (ATTRIBUTE_VOCABULARY as Partial<Record<MatchAttribute, VocabularyKind>>)[attribute];
    return keys.map((k) => (kind ? vocab.label(kind, k) : k.replace(/-/g, ' '))).join(', ');
  };
  return (
    <Stack
      component="ul"
      gap={0}
      m={0}
      mt="xs"
      p={0}
      style={{ listStyle: 'none', borderTop: '1px solid var(--mantine-color-gray-3)' }}
      aria-label={`How ${rec.title} scores`}
    >
      {rec.breakdown.map((b) => (
        <Box
          component="li"
          key={`${b.attribute}-${b.source}-${b.polarity}`}
          py={6}
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
            <Text size="sm" fw={650}>
              {ATTRIBUTE_WORDS[b.attribute]}
              {b.polarity === 'avoid' ? ' (to avoid)' : ''}{' '}
              <Text span size="sm" c="dimmed" fw={400}>
                from {SOURCE_WORDS[b.source]}
              </Text>
            </Text>
            <Text size="sm" fw={650} style={{ whiteSpace: 'nowrap' }}>
              {round1(b.points)} of {round1(b.weight)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            Wanted {words(b.attribute, b.wanted)} ·{' '}
            {b.matched.length || b.near.length
              ? `matched ${[words(b.attribute, b.matched), b.near.length ? `${words(b.attribute, b.near)} (close)` : ''].filter(Boolean).join(', ')}`
              : b.unknown
                ? 'not recorded for this item'
                : 'no match'}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}

const round1 = (n: number) => String(Math.round(n * 10) / 10);

/** What a rule left out, by reason, each product once with its variants. */
function LeftOut({ excluded }: { excluded: RecommendationList['excluded'] }) {
  const groups = groupLeftOut(excluded);
  return (
    <Section id="left-out-heading" title="Left out">
      <Text>Never suggested today, because of what they told us:</Text>
      {groups.map((g) => (
        <LeftOutGroup key={g.reason} group={g} />
      ))}
    </Section>
  );
}

function LeftOutGroup({ group }: { group: ReturnType<typeof groupLeftOut>[number] }) {
  const [all, setAll] = useState(false);
  const id = useId();
  const shown = all ? group.products : group.products.slice(0, LEFT_OUT_SHOWN);
  const more = group.products.length - shown.length;
  return (
    <Stack gap={4}>
      <Text fw={650} id={id}>
        {group.reason}
      </Text>
      <Text component="ul" m={0} pl="lg" aria-labelledby={id}>
        {shown.map((p) => (
          <li key={p.productId}>{leftOutName(p)}</li>
        ))}
      </Text>
      {(more > 0 || all) && group.products.length > LEFT_OUT_SHOWN && (
        <Button variant="subtle" size="sm" onClick={() => setAll((a) => !a)} w="fit-content" aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${group.products.length}`}
        </Button>
      )}
    </Stack>
  );
}

/** What the customer told us today, each with a way back to its question. */
function Answers(props: { session: GuidanceSession; vocab: Vocabulary; customerView: boolean; onGo: (step: string) => void }) {
  const me = useSignedIn();
  const { session } = props;
  const questions = session.set.definition.questions.filter((q) => session.toAsk.includes(q.key));
  const label = (kind: Parameters<Vocabulary['label']>[0], key: string) => props.vocab.label(kind, key);
  const amount = (n: number) => money(n, me, { whole: true });
  return (
    <Section id="answers-heading" title={props.customerView ? 'What you told us' : 'What they told us'}>
      <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
        {questions.map((q) => {
          const a = session.answers[q.key];
          return (
            <Group
              component="li"
              key={q.key}
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py={4}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Stack gap={0} miw={0}>
                <Text size="sm" c="dimmed">
                  {q.prompt}
                </Text>
                <Text fw={a ? 600 : 400} c={a ? undefined : 'dimmed'}>
                  {a ? answerWords(q, a, label, amount) : session.skipped.includes(q.key) ? 'Skipped' : 'Not asked yet'}
                </Text>
              </Stack>
              <Button
                variant="subtle"
                onClick={() => props.onGo(q.key)}
                aria-label={`${a ? 'Change' : 'Ask'}: ${q.prompt}`}
                style={{ flexShrink: 0 }}
              >
                {a ? 'Change' : 'Ask'}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Section>
  );
}

/** How often the basket looks again while units are held: a hold may end, or be sold at the till. */
const HOLD_CHECK_MS = 30_000;

/**
 * The moment it is, moved on every 30 seconds while anything is held and at the moment the soonest
 * hold ends, fetching the visit again each time so the server's word on each hold is shown.
 */
function useHoldClock(session: GuidanceSession): Date {
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => new Date());
  const soonest = nextExpiry(session.holds, now);
  const anyHeld = session.holds.some((h) => h.status === 'active');
  // biome-ignore lint/correctness/useExhaustiveDependencies: each tick (a new now) sets the next one
  useEffect(() => {
    if (!anyHeld) return;
    const wait = soonest === null ? HOLD_CHECK_MS : Math.min(HOLD_CHECK_MS, Math.max(0, soonest - Date.now()) + 250);
    const timer = window.setTimeout(() => {
      setNow(new Date());
      void queryClient.invalidateQueries({ queryKey: sessionKey(session.id), exact: true });
    }, wait);
    return () => window.clearTimeout(timer);
  }, [anyHeld, soonest, now, queryClient, session.id]);
  return now;
}

/** The visit's basket: what they would like to take, with a total and what is held, ready for the till. */
function Basket({ session, onAnnounce }: { session: GuidanceSession; onAnnounce: (m: string) => void }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const writes = useGuidanceWrites();
  const now = useHoldClock(session);
  // Queued on the visit screen, so it runs while offline too.
  const remove = useMutation({
    networkMode: 'always',
    mutationFn: (line: BasketLine) => writes.removeFromBasket(session, line),
    onSuccess: (items, line) => {
      queryClient.setQueryData<GuidanceSession>(sessionKey(session.id), (s) => (s ? { ...s, basket: items } : s));
      // Taking a line out gives its held units back: the server says so on the next look.
      if (session.holds.some((h) => h.basketLineId === line.id))
        void queryClient.invalidateQueries({ queryKey: sessionKey(session.id), exact: true });
      onAnnounce(`Took ${line.title} out of the basket.`);
    },
  });
  const total = session.basket.reduce((sum, l) => sum + l.total, 0);
  return (
    <Section id="basket-heading" title="Basket for this visit">
      {session.basket.length === 0 ? (
        <Text c="dimmed">Nothing in the basket yet. Add what they would like to take.</Text>
      ) : (
        <>
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="In the basket">
            {session.basket.map((l) => (
              <Group
                component="li"
                key={l.id}
                justify="space-between"
                wrap="wrap"
                gap="sm"
                py="xs"
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Stack gap={2} miw={0} style={{ flex: '1 1 12rem' }}>
                  <Text fw={600}>{l.title}</Text>
                  <Text size="sm" c="dimmed">
                    {l.quantity} × {money(l.unitPrice, me)}
                  </Text>
                  {session.holds
                    .filter((h) => h.basketLineId === l.id)
                    .map((h) => (
                      <LineHold key={h.id} session={session} line={l} hold={h} now={now} show="held" onAnnounce={onAnnounce} />
                    ))}
                </Stack>
                <Group gap="sm" wrap="nowrap" style={{ marginInlineStart: 'auto' }}>
                  <Text fw={650}>{money(l.total, me)}</Text>
                  {l.pending ? (
                    <Text size="sm" c={l.pending === 'failed' ? 'red.8' : 'dimmed'} fs="italic">
                      {l.pending === 'failed' ? 'Not saved' : 'Waiting to sync'}
                    </Text>
                  ) : (
                    <Button
                      variant="default"
                      onClick={() => remove.mutate(l)}
                      loading={remove.isPending && remove.variables?.id === l.id}
                      aria-label={`Remove ${l.title} from the basket`}
                    >
                      Remove
                    </Button>
                  )}
                </Group>
                {/* An ended hold, and the way to hold again, take the whole width. */}
                {session.holds
                  .filter((h) => h.basketLineId === l.id)
                  .map((h) => (
                    <LineHold key={h.id} session={session} line={l} hold={h} now={now} show="ended" onAnnounce={onAnnounce} />
                  ))}
              </Group>
            ))}
          </Stack>
          <Group justify="space-between">
            <Text fw={650} size="lg">
              Total
            </Text>
            <Text fw={700} size="lg">
              {money(total, me)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            Ring these up at the till when they are ready.
          </Text>
        </>
      )}
      <FormError error={remove.error} />
    </Section>
  );
}

/** With the customer's agreement, today's answers become preferences on their profile. */
function KeepAnswers(props: { session: GuidanceSession; vocab: Vocabulary; onAnnounce: (m: string) => void }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const writes = useGuidanceWrites();
  const { session, vocab } = props;
  const name = customerName(session) ?? 'the customer';
  const [agreed, setAgreed] = useState(false);
  const answered = Object.keys(session.answers).length > 0;
  // Queued on the visit screen (null: kept on the tablet until sent), so it runs while offline too.
  const keep = useMutation({
    networkMode: 'always',
    mutationFn: () => writes.keepAnswers(session),
    onSuccess: (saved) => {
      if (saved === null) {
        props.onAnnounce(`Kept on this tablet: the answers go on ${name}’s profile once Ones can be reached.`);
        return;
      }
      if (session.customer) {
        void queryClient.invalidateQueries({ queryKey: customerKey(session.customer.id) });
        void queryClient.invalidateQueries({ queryKey: timelineKey(session.customer.id) });
      }
      props.onAnnounce(saved.length ? `Saved ${saved.length} to ${name}’s profile.` : `Nothing new to save on ${name}’s profile.`);
    },
  });
  const describe = (p: { key: string; value: Record<string, unknown> }) =>
    `${PREFERENCE_LABEL[p.key]?.one ?? p.key}: ${
      describePreference(
        p,
        vocab,
        (n) => money(n, me, { whole: true }),
        (m, d) => dayAndMonth(m, d, me.retailer.locale),
      ).text
    }`;
  return (
    <Section id="keep-heading" title={`Keep these answers on ${name}’s profile`}>
      <Text>
        So nobody has to ask again next time. Only with their agreement: ask them first. They can have anything removed from their profile
        at any time.
      </Text>
      {keep.isSuccess && keep.data === null ? (
        <Alert color="gray" variant="light" title={`Going on ${name}’s profile`}>
          Kept on this tablet, and saved to {name}’s profile as soon as it syncs.
        </Alert>
      ) : keep.data ? (
        <Alert color="moss" variant="light" title={keep.data.length ? `Saved to ${name}’s profile` : 'Nothing new to save'}>
          {keep.data.length ? (
            <Stack component="ul" gap={2} m={0} pl="md">
              {keep.data.map((p) => (
                <li key={p.id}>{describe(p)}</li>
              ))}
            </Stack>
          ) : (
            `${name}’s profile already holds what they told us today.`
          )}
        </Alert>
      ) : (
        <>
          <Checkbox.Card
            checked={agreed}
            onChange={setAgreed}
            disabled={!answered}
            radius="md"
            p="md"
            className={classes.choice}
            withBorder
          >
            <Group gap="md" wrap="nowrap">
              <Checkbox.Indicator size="md" />
              <Text inherit>The customer agreed to keep these answers on their profile</Text>
            </Group>
          </Checkbox.Card>
          {!answered && (
            <Text size="sm" c="dimmed">
              Nothing has been answered yet.
            </Text>
          )}
          <FormError error={keep.error} />
          <Button onClick={() => keep.mutate()} loading={keep.isPending} disabled={!agreed || !answered} w="fit-content">
            Keep the answers
          </Button>
        </>
      )}
    </Section>
  );
}
