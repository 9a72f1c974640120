import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Question } from '../../../shared/domain/question-sets.ts';
import { Page } from '../../ui/Page.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import type { Me } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import { type ProductSummary, useProduct } from '../catalog/catalog.api.ts';
import { money } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import type { Vocabulary } from '../vocabulary/vocabulary.api.ts';
import { ReasonList, STOCK_TONE } from './Alternatives.tsx';
import { type Comparison, useComparison, useOptionSearch } from './compare.api.ts';
import classes from './compare.module.css';
import { fitWords, MAX_OPTIONS, optionsFrom, toggleOption, type Verdict, verdictAnnouncement, verdictOf } from './compare-words.ts';
import { VisitPage } from './GuidanceSessionPage.tsx';
import type { GuidanceSession, Recommendation } from './guidance.api.ts';
import { answerWords, categoryLabel, groupReasons, stockBadge } from './guidance-words.ts';
import { AnswerError, AnswerField, SkipButton, useAnswering } from './QuestionStep.tsx';

/** Options offered from the visit's latest recommendations, at most. */
const FROM_LATEST = 8;

/**
 * `/selling/:id/compare?v=…&v=…`: a second opinion anyone on the floor can give. Choose two to six
 * options, ask the three or four questions that tell them apart, and see which fits better and why
 * — or, when they are close, that either fits and what the difference is. The options live in the
 * address, so a link (or a reload) brings back the same comparison.
 */
export function ComparePage() {
  return <VisitPage title="Compare options">{(session, vocab) => <Compare session={session} vocab={vocab} />}</VisitPage>;
}

/** "the latest recommendations, Cushions below or the catalog by name". */
const orList = (words: string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`);

/** "Velvet cushion set — Teal / mustard", as the engine names an option. */
const optionTitle = (product: string, variant: string) => (variant === 'Default' ? product : `${product} — ${variant}`);

function Compare({ session, vocab }: { session: GuidanceSession; vocab: Vocabulary }) {
  const [params, setParams] = useSearchParams();
  const chosen = optionsFrom(params);
  const latest = (session.latestList?.main ?? []).slice(0, FROM_LATEST);
  // Names of the options chosen, wherever they were chosen from; the comparison names them too.
  const [names, setNames] = useState(() => new Map(latest.map((r) => [r.variantId, r.title])));
  const [choosing, setChoosing] = useState(chosen.length < 2);
  const [announcement, setAnnouncement] = useState('');
  const verdictHeading = useRef<HTMLHeadingElement>(null);
  const comparison = useComparison(session, chosen);
  const data = comparison.data;
  const titleOf = (variantId: string) =>
    data?.options.find((o) => o.variantId === variantId)?.title ?? names.get(variantId) ?? 'An option chosen earlier';

  // The same words twice in a row are still announced: the region is cleared first.
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);

  const setChosen = (next: string[]) =>
    setParams(
      (p) => {
        const out = new URLSearchParams(p);
        out.delete('v');
        for (const v of next) out.append('v', v);
        return out;
      },
      { replace: true },
    );

  const toggle = (variantId: string, title: string) => {
    setNames((m) => new Map(m).set(variantId, title));
    const next = toggleOption(chosen, variantId);
    setChosen(next);
    if (next.length > chosen.length) {
      // The second option is the moment to move on to the questions.
      if (next.length === 2) {
        setChoosing(false);
        announce(`${title} added. Two options chosen: ask the questions below.`);
      } else announce(`${title} added.`);
    } else announce(`${title} taken out.`);
  };

  // A new verdict is read out when it arrives, not while the previous one is still shown.
  const verdict = data ? verdictOf(data) : null;
  // Before any answer every option scores nothing: there is no verdict to speak of.
  const anythingAnswered = (data?.shortPath ?? []).some((p) => session.answers[p.key] !== undefined);
  const spoken = comparison.isPlaceholderData || !anythingAnswered ? '' : verdictAnnouncement(verdict);
  const lastSpoken = useRef('');
  useEffect(() => {
    if (spoken && spoken !== lastSpoken.current) announce(spoken);
    lastSpoken.current = spoken;
  }, [spoken, announce]);

  const sources = [
    latest.length > 0 ? 'the latest recommendations' : null,
    session.category ? `the ${session.category.path.split('/').at(-1)} below` : null,
    'the catalog by name',
  ].filter((x): x is string => x !== null);
  const customer = session.customer ? `For ${session.customer.preferredName ?? session.customer.name}` : null;
  const context = [customer, session.set.name, session.category ? categoryLabel(session.category.path) : null].filter(Boolean).join(' · ');

  return (
    <Page
      title="Compare options"
      actions={
        <LinkButton to={`/selling/${encodeURIComponent(session.id)}`} variant="default" size="lg">
          Back to the visit
        </LinkButton>
      }
    >
      <Stack gap={2} mt={-12}>
        <Text fw={600}>{context}</Text>
        <Text c="dimmed">A second opinion: the few questions that tell the options apart, then which fits better and why.</Text>
      </Stack>

      <Section
        id="compare-options-heading"
        title="Options to compare"
        action={
          chosen.length >= 2 ? (
            <Button variant="default" onClick={() => setChoosing((c) => !c)} aria-expanded={choosing}>
              {choosing ? 'Done choosing' : 'Add or change options'}
            </Button>
          ) : null
        }
      >
        {chosen.length < 2 && (
          <Stack gap={2}>
            <Text fw={650} size="lg">
              {chosen.length === 0 ? 'Choose two options to compare' : 'Choose one more option'}
            </Text>
            <Text c="dimmed">
              Pick them from {orList(sources)}; up to {MAX_OPTIONS}. Then a few questions tell them apart.
            </Text>
          </Stack>
        )}
        {chosen.length > 0 && (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Chosen options">
            {chosen.map((v, i) => (
              <Group component="li" key={v} justify="space-between" wrap="nowrap" gap="sm">
                <Text fw={600} miw={0} style={{ flex: 1 }}>
                  <Text span c="dimmed" fw={500} aria-hidden="true">
                    {i + 1}.{' '}
                  </Text>
                  {titleOf(v)}
                </Text>
                <Button
                  variant="subtle"
                  px="sm"
                  onClick={() => toggle(v, titleOf(v))}
                  aria-label={`Take out ${titleOf(v)}`}
                  style={{ flexShrink: 0 }}
                >
                  Take out
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {(choosing || chosen.length < 2) && <OptionPicker session={session} latest={latest} chosen={chosen} onToggle={toggle} />}
      </Section>

      {chosen.length < 2 ? null : comparison.isPending ? (
        <LoadingState label="Comparing the options…" />
      ) : comparison.isError ? (
        <ErrorState error={comparison.error} onRetry={() => comparison.refetch()} title="The options could not be compared" />
      ) : data ? (
        <>
          <ShortPath
            session={session}
            path={data.shortPath.map((p) => p.key)}
            vocab={vocab}
            onAnnounce={announce}
            onFinished={() => verdictHeading.current?.focus()}
          />
          <Result
            comparison={data}
            verdict={verdict}
            updating={comparison.isPlaceholderData || comparison.isFetching}
            anythingAnswered={anythingAnswered}
            headingRef={verdictHeading}
          />
        </>
      ) : null}

      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Page>
  );
}

/** Where options come from: the visit's latest recommendations, and the catalog by name or by the visit's category. */
function OptionPicker(props: {
  session: GuidanceSession;
  latest: Recommendation[];
  chosen: string[];
  onToggle: (variantId: string, title: string) => void;
}) {
  const me = useSignedIn();
  const { session, chosen } = props;
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const search = useOptionSearch(debounced, session.category?.id ?? null, session.storeId);
  const latestId = useId();
  const full = chosen.length >= MAX_OPTIONS;
  const words = debounced.trim();
  const products = (search.data?.items ?? []).filter((p) => p.status !== 'retired');
  const listName = words ? 'Products found' : session.category ? `Products in ${categoryLabel(session.category.path)}` : 'Products';

  return (
    <Stack gap="md" pt="xs">
      {full && (
        <Alert color="gray" variant="light">
          {MAX_OPTIONS} options are chosen, the most a comparison takes. Take one out to choose another.
        </Alert>
      )}
      {props.latest.length > 0 && (
        <Stack gap={6}>
          <Text fw={650} id={latestId}>
            From the latest recommendations
          </Text>
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={latestId}>
            {props.latest.map((r) => (
              <li key={r.variantId}>
                <OptionToggle
                  title={r.title}
                  detail={money(r.unitPrice, me)}
                  pressed={chosen.includes(r.variantId)}
                  disabled={full}
                  onToggle={() => props.onToggle(r.variantId, r.title)}
                />
              </li>
            ))}
          </Stack>
        </Stack>
      )}
      <Box role="search" aria-label="Options in the catalog">
        <TextInput
          label="Find an option by name"
          description="A word of its name is enough"
          placeholder="e.g. velvet cushion"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          autoComplete="off"
          maw={480}
        />
      </Box>
      {(words || session.category) &&
        (search.isPending ? (
          <LoadingState label="Finding products…" />
        ) : search.isError ? (
          <ErrorState error={search.error} onRetry={() => search.refetch()} title="The catalog could not be searched" />
        ) : products.length === 0 ? (
          <Text c="dimmed">{words ? `Nothing found for “${words}”. Try another word.` : 'Nothing in this category yet.'}</Text>
        ) : (
          <Stack
            component="ul"
            gap={6}
            m={0}
            p={0}
            style={{ listStyle: 'none', opacity: search.isPlaceholderData ? 0.6 : 1 }}
            aria-label={listName}
            aria-busy={search.isPlaceholderData}
          >
            {products.map((p) => (
              <ProductOptions key={p.id} product={p} chosen={chosen} full={full} onToggle={props.onToggle} />
            ))}
          </Stack>
        ))}
      {search.data?.nextCursor && !search.isPlaceholderData && (
        <Text size="sm" c="dimmed">
          There are more: a word of the name narrows the list.
        </Text>
      )}
    </Stack>
  );
}

/** A product found: opening it shows its variants, each an option to choose. */
function ProductOptions(props: {
  product: ProductSummary;
  chosen: string[];
  full: boolean;
  onToggle: (variantId: string, title: string) => void;
}) {
  const me = useSignedIn();
  const { product: p } = props;
  const [open, setOpen] = useState(false);
  const panel = useId();
  const price = p.priceFrom === p.priceTo ? money(p.priceFrom, me) : `${money(p.priceFrom, me)} to ${money(p.priceTo, me)}`;
  const facts = [
    p.variants > 1 ? `${p.variants} variants` : null,
    price,
    p.available === null ? null : p.available > 0 ? `${p.available} here` : 'none here',
  ].filter(Boolean);
  return (
    <li>
      <UnstyledButton className={classes.pick} aria-expanded={open} aria-controls={panel} onClick={() => setOpen((o) => !o)}>
        <Stack gap={0} style={{ flex: 1 }} miw={0}>
          <Text fw={600}>{p.title}</Text>
          <Text size="sm" c="dimmed">
            {facts.join(' · ')}
          </Text>
        </Stack>
        <Text aria-hidden="true" fw={700} c="dimmed">
          {open ? '−' : '+'}
        </Text>
      </UnstyledButton>
      {open && (
        <div id={panel} className={classes.variants}>
          <Variants productId={p.id} title={p.title} chosen={props.chosen} full={props.full} onToggle={props.onToggle} />
        </div>
      )}
    </li>
  );
}

function Variants(props: {
  productId: string;
  title: string;
  chosen: string[];
  full: boolean;
  onToggle: (variantId: string, title: string) => void;
}) {
  const me = useSignedIn();
  const product = useProduct(props.productId);
  if (product.isPending) return <LoadingState label={`Opening ${props.title}…`} />;
  if (product.isError)
    return <ErrorState error={product.error} onRetry={() => product.refetch()} title="This product could not be opened" />;
  const variants = product.data.variants.filter((v) => !v.retired);
  if (variants.length === 0) return <Text c="dimmed">None of its variants is sold any more.</Text>;
  return (
    <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={props.title}>
      {variants.map((v) => {
        const title = optionTitle(product.data.title, v.title);
        const pressed = props.chosen.includes(v.id);
        return (
          <li key={v.id}>
            <OptionToggle
              title={v.title === 'Default' ? product.data.title : v.title}
              detail={money(v.price, me)}
              pressed={pressed}
              disabled={props.full}
              onToggle={() => props.onToggle(v.id, title)}
            />
          </li>
        );
      })}
    </Stack>
  );
}

/** One option to choose or take out again: pressed while it is among those compared. */
function OptionToggle(props: { title: string; detail: string; pressed: boolean; disabled: boolean; onToggle: () => void }) {
  return (
    <UnstyledButton
      className={classes.pick}
      aria-pressed={props.pressed}
      disabled={props.disabled && !props.pressed}
      onClick={props.onToggle}
    >
      <Text span fw={700} c="moss.8" w={14} ta="center" aria-hidden="true">
        {props.pressed ? '✓' : ''}
      </Text>
      <Text span fw={props.pressed ? 650 : 500} style={{ flex: 1 }} miw={0}>
        {props.title}
      </Text>
      <Text span size="sm" c="dimmed">
        {props.detail}
      </Text>
    </UnstyledButton>
  );
}

/**
 * The short path: the questions that tell these options apart, asked one after another. The first
 * not yet answered or skipped is open; an answer may be changed at any time, and each change
 * compares again.
 */
function ShortPath(props: {
  session: GuidanceSession;
  path: string[];
  vocab: Vocabulary;
  onAnnounce: (m: string) => void;
  onFinished: () => void;
}) {
  const { session } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const questions = props.path.flatMap((key) => session.set.definition.questions.find((q) => q.key === key) ?? []);
  const settled = (s: GuidanceSession, key: string) => s.answers[key] !== undefined || s.skipped.includes(key);
  const open = editing ?? questions.find((q) => !settled(session, q.key))?.key ?? null;

  if (questions.length === 0)
    return (
      <Alert color="gray" variant="light" title="No questions tell these apart">
        Nothing the question set asks about differs between these options, so the comparison rests on what is already known.
      </Alert>
    );

  return (
    <Section id="short-path-heading" title="A few questions">
      <Text>
        {questions.length === 1 ? 'This question tells' : `These ${questions.length} questions tell`} the options apart. The comparison
        below follows every answer.
      </Text>
      <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {questions.map((q, i) => (
          <ShortPathQuestion
            key={q.key}
            session={session}
            question={q}
            index={i}
            total={questions.length}
            open={open === q.key}
            vocab={props.vocab}
            onOpen={() => setEditing(q.key)}
            onCancel={() => setEditing(null)}
            onDone={(next, message) => {
              setEditing(null);
              props.onAnnounce(message);
              if (questions.every((x) => settled(next, x.key))) props.onFinished();
            }}
          />
        ))}
      </Stack>
    </Section>
  );
}

function ShortPathQuestion(props: {
  session: GuidanceSession;
  question: Question;
  index: number;
  total: number;
  open: boolean;
  vocab: Vocabulary;
  onOpen: () => void;
  onCancel: () => void;
  onDone: (next: GuidanceSession, message: string) => void;
}) {
  const { session, question: q, open } = props;
  const me = useSignedIn();
  const headingId = useId();
  const formId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const current = session.answers[q.key];
  const skipped = session.skipped.includes(q.key);
  const answering = useAnswering(session, q, {
    answered: (next) => props.onDone(next, 'Answer saved. Comparing again.'),
    skipped: (next) => props.onDone(next, current ? 'Answer taken back. Comparing again.' : 'Question skipped.'),
  });
  const { answer, skip, busy } = answering;

  // A question that opens after another was answered takes the focus, so it is read out and in view.
  const shown = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when it opens, not at every answer
  useEffect(() => {
    if (open && shown.current) heading.current?.focus();
    if (open) answering.restart(current);
    shown.current = true;
  }, [open]);

  const label = (kind: Parameters<Vocabulary['label']>[0], key: string) => props.vocab.label(kind, key);
  const said = current ? answerWords(q, current, label, (n) => money(n, me, { whole: true })) : null;

  return (
    <Card component="li" withBorder padding={open ? 'md' : 'sm'} radius="lg" aria-labelledby={headingId} bg={open ? undefined : 'gray.0'}>
      <Stack gap={open ? 'sm' : 4}>
        <Stack gap={2}>
          {open && (
            <Text size="sm" fw={600} c="dimmed">
              Question {props.index + 1} of {props.total}
            </Text>
          )}
          <Title
            order={3}
            id={headingId}
            ref={heading}
            tabIndex={-1}
            style={{ outline: 'none', fontSize: open ? '1.375rem' : '1.0625rem', lineHeight: 1.25 }}
          >
            {q.prompt}
          </Title>
        </Stack>
        {open ? (
          <>
            {q.help && (
              <Text c="dimmed">
                <Text span fw={650} c="gray.8">
                  Why ask:{' '}
                </Text>
                {q.help}
              </Text>
            )}
            <AnswerField question={q} headingId={headingId} formId={formId} vocab={props.vocab} answering={answering} />
            <AnswerError answering={answering} />
            <div className={classes.questionActions}>
              {q.type !== 'single' && (
                <Button type="submit" form={formId} size="lg" loading={answer.isPending} disabled={skip.isPending}>
                  Save answer
                </Button>
              )}
              <SkipButton answering={answering} />
              {(current || skipped) && (
                <Button variant="default" size="lg" onClick={props.onCancel} disabled={busy}>
                  Keep as it was
                </Button>
              )}
            </div>
          </>
        ) : (
          <div className={classes.asked}>
            <Text fw={said ? 650 : 400} c={said ? undefined : 'dimmed'} miw={0} style={{ flex: 1 }}>
              {said ?? (skipped ? 'Skipped' : 'Not asked yet')}
            </Text>
            <Button variant="default" px="md" onClick={props.onOpen} aria-label={`${current ? 'Change' : 'Ask'}: ${q.prompt}`}>
              {current ? 'Change' : 'Ask'}
            </Button>
          </div>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Which fits better: the verdict, then the options side by side in the order chosen — as many
 * columns as fit at a readable width, so two sit side by side on a tablet and stack on a phone.
 */
function Result(props: {
  comparison: Comparison;
  verdict: Verdict | null;
  updating: boolean;
  anythingAnswered: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const me = useSignedIn();
  const { comparison: c, verdict } = props;
  const headingId = useId();
  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={2} size="h3" id={headingId} ref={props.headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          Which fits better
        </Title>
        {props.updating && (
          <Text size="sm" c="dimmed">
            Comparing again…
          </Text>
        )}
      </Group>
      <Stack gap="md" aria-busy={props.updating} style={{ opacity: props.updating ? 0.6 : 1 }}>
        {!props.anythingAnswered ? (
          <Card padding="lg" radius="md" bg="gray.0" className={classes.verdictClose}>
            <Text fw={650} size="lg">
              Not judged yet
            </Text>
            <Text>Ask the questions above: the comparison follows every answer.</Text>
          </Card>
        ) : (
          verdict && <VerdictCard verdict={verdict} />
        )}
        <SimpleGrid
          component="ul"
          minColWidth="13rem"
          autoFlow="auto-fit"
          spacing="sm"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="The options side by side"
        >
          {c.options.map((o) => (
            <OptionCard
              key={o.variantId}
              option={o}
              quantity={c.quantity}
              suggested={c.choice === o.variantId}
              anythingAnswered={props.anythingAnswered}
              me={me}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}

function VerdictCard({ verdict: v }: { verdict: Verdict }) {
  const headingId = useId();
  if (v.kind === 'choice')
    return (
      <Card padding="lg" radius="md" bg="moss.0" className={classes.verdict} aria-labelledby={headingId} component="section">
        <Stack gap="sm">
          <Title order={3} id={headingId} style={{ fontSize: '1.5rem', lineHeight: 1.3 }}>
            <Text span inherit c="moss.9">
              Our suggestion:
            </Text>{' '}
            {v.title}
          </Title>
          <ReasonList title="Because" mark="✓" items={v.because} color="moss.9" />
          {v.against.map((a) => (
            <ReasonList key={a.title} title={`Where ${a.title} falls short`} mark="≠" items={a.reasons} color="gray.8" />
          ))}
        </Stack>
      </Card>
    );
  return (
    <Card padding="lg" radius="md" bg="gray.0" className={classes.verdictClose} aria-labelledby={headingId} component="section">
      <Stack gap="sm">
        <Title order={3} id={headingId} style={{ fontSize: '1.5rem', lineHeight: 1.3 }}>
          {v.head}
        </Title>
        {v.differences.length === 0 ? (
          <Text>They suit what they said equally; let the customer choose.</Text>
        ) : (
          <Box>
            <Text id={`${headingId}-differs`} fw={650} c="dimmed" size="sm">
              The difference is
            </Text>
            <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={`${headingId}-differs`}>
              {v.differences.map((d) => (
                <Text component="li" key={d.title || d.text}>
                  {d.title && (
                    <Text span fw={650}>
                      {d.title}:{' '}
                    </Text>
                  )}
                  {d.text}
                </Text>
              ))}
            </Stack>
          </Box>
        )}
        {v.notes.length > 0 && <ReasonList title="Also" mark="!" items={v.notes} color="gray.8" />}
      </Stack>
    </Card>
  );
}

function OptionCard(props: { option: Recommendation; quantity: number; suggested: boolean; anythingAnswered: boolean; me: Me }) {
  const { option: o, me } = props;
  const titleId = useId();
  const reasons = groupReasons(o.reasons);
  const stock = stockBadge(o, props.quantity);
  const percent = Math.round(o.fit * 100);
  const words = fitWords(o.fit, props.anythingAnswered);
  return (
    <Card
      component="li"
      withBorder
      padding="md"
      radius="lg"
      aria-labelledby={titleId}
      className={props.suggested ? classes.suggested : undefined}
    >
      <Stack gap="sm">
        {props.suggested && (
          <Badge variant="filled" color="moss.8" w="fit-content">
            Our suggestion
          </Badge>
        )}
        <Title order={3} id={titleId} style={{ fontSize: '1.25rem', lineHeight: 1.3 }}>
          {o.title}
        </Title>
        <Group gap="sm" align="baseline" wrap="wrap">
          <Text fw={700} size="xl">
            {money(props.quantity > 1 ? o.total : o.unitPrice, me)}
          </Text>
          {props.quantity > 1 && (
            <Text size="sm" c="dimmed">
              {props.quantity} × {money(o.unitPrice, me)}
            </Text>
          )}
          {stock && (
            <Badge variant="outline" color={STOCK_TONE[stock.tone]} style={{ whiteSpace: 'normal', height: 'auto' }}>
              {stock.text}
            </Badge>
          )}
        </Group>
        <Stack gap={4}>
          <Text fw={650}>
            {words}
            {props.anythingAnswered && (
              <Text span c="dimmed" fw={500}>
                {' '}
                · fit {percent}%
              </Text>
            )}
          </Text>
          <Box aria-hidden="true">
            <Progress value={props.anythingAnswered ? percent : 0} size="lg" radius="xl" color={props.suggested ? 'moss.7' : 'gray.6'} />
          </Box>
        </Stack>
        {reasons.budget.map((t) => (
          <Text key={t} fw={600}>
            {t}
          </Text>
        ))}
        <ReasonList title="What matches" mark="✓" items={reasons.matches} color="moss.9" />
        <ReasonList title="What differs" mark="≠" items={reasons.differs} color="gray.8" />
        <ReasonList title="What we don’t know" mark="?" items={reasons.unknown} color="gray.8" />
      </Stack>
    </Card>
  );
}
