import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Progress,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { KnownAnswer } from '../../../shared/domain/guidance.ts';
import { type Answer, checkAnswer, MAX_QUANTITY, type Question } from '../../../shared/domain/question-sets.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { currencySymbol } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Swatch } from '../vocabulary/ColourChips.tsx';
import { KIND_LABEL, type Vocabulary } from '../vocabulary/vocabulary.api.ts';
import { type GuidanceSession, sessionKey } from './guidance.api.ts';
import classes from './guidance.module.css';
import { nextStep, previousStep, sameAnswer, sentence } from './guidance-words.ts';
import { useGuidanceWrites } from './writes.ts';

/** Field labels of the answers: one size, whatever the input's. */
const LABEL = { fontSize: 'var(--mantine-font-size-md)', fontWeight: 600 } as const;

/** What the associate is filling in before it becomes an answer. */
export interface Draft {
  values: string[];
  amount: number | '';
  firm: boolean;
  text: string;
}

/** The form's state for an answer given before, or an empty one. */
export function draftOf(answer: Answer | undefined): Draft {
  const d: Draft = { values: [], amount: '', firm: true, text: '' };
  if (!answer) return d;
  if ('values' in answer) d.values = answer.values;
  else if ('quantity' in answer) d.amount = answer.quantity;
  else if ('number' in answer) d.amount = answer.number;
  else if ('budget' in answer) {
    d.amount = answer.budget.max;
    d.firm = answer.budget.firm;
  } else d.text = answer.text;
  return d;
}

/** The answer a filled-in form gives for its question's type. */
export function answerOf(q: Question, d: Draft): Answer {
  const n = d.amount === '' ? Number.NaN : d.amount;
  switch (q.type) {
    case 'quantity':
      return { quantity: n };
    case 'number':
      return { number: n };
    case 'budget':
      return { budget: { max: n, firm: d.firm } };
    case 'text':
      return { text: d.text.trim() };
    default:
      return { values: d.values };
  }
}

/** Says what is wrong with an answer the way the server does, before it is sent. */
export function problemWith(q: Question, answer: Answer): string | null {
  const problem = checkAnswer(q, answer);
  if (problem) return sentence(problem);
  if (q.type === 'text' && 'text' in answer && !answer.text) return 'Write what they said, or skip the question.';
  return null;
}

/** The server's words for a refused answer: the field's message when it names one. */
export function refusal(err: unknown): string {
  if (err instanceof ApiError) return err.fieldMessage('answer') ?? err.message;
  return errorMessage(err);
}

/**
 * Answering one question of a visit, wherever it is asked: the form's draft, the checks made before
 * an answer is sent, saving or skipping it (the visit as saved goes into the cache) and, in words,
 * why an answer was not saved. The caller says what follows a save or a skip.
 */
export function useAnswering(
  session: GuidanceSession,
  q: Question,
  then: { answered: (next: GuidanceSession) => void; skipped: (next: GuidanceSession) => void },
) {
  const queryClient = useQueryClient();
  const writes = useGuidanceWrites();
  const current = session.answers[q.key];
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [problem, setProblem] = useState<string | null>(null);

  // A 409 says the session moved on (another device answered, or the visit closed): show it as it is now.
  const refusedBy = (error: Error) => {
    if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: sessionKey(session.id) });
  };
  // Run even when the browser says it is offline: the visit screen's writes go to its queue, and
  // elsewhere a request with no answer says so rather than waiting unseen.
  const answer = useMutation({
    networkMode: 'always',
    mutationFn: (a: Answer) => writes.answer(session, q.key, a),
    onSuccess: (next) => {
      queryClient.setQueryData(sessionKey(session.id), next);
      then.answered(next);
    },
    onError: refusedBy,
  });
  const skip = useMutation({
    networkMode: 'always',
    mutationFn: () => writes.skip(session, q.key),
    onSuccess: (next) => {
      queryClient.setQueryData(sessionKey(session.id), next);
      then.skipped(next);
    },
    onError: refusedBy,
  });

  const send = (a: Answer) => {
    const p = problemWith(q, a);
    setProblem(p);
    skip.reset();
    if (!p) answer.mutate(a);
  };

  return {
    /** The answer given so far, if any. */
    current,
    draft,
    /** The form starts again from this answer (or empty). */
    restart: (a: Answer | undefined) => setDraft(draftOf(a)),
    /** A change to the form: whatever was wrong with the last try no longer stands. */
    edit: (d: Draft) => {
      setDraft(d);
      setProblem(null);
    },
    answer,
    skip,
    busy: answer.isPending || skip.isPending,
    send,
    submit: (e: FormEvent) => {
      e.preventDefault();
      send(answerOf(q, draft));
    },
    skipIt: () => {
      setProblem(null);
      answer.reset();
      skip.mutate();
    },
    error: problem ?? (answer.error ? refusal(answer.error) : skip.error ? errorMessage(skip.error) : null),
  };
}

export type Answering = ReturnType<typeof useAnswering>;

/** Where the answer is given: a large button per choice for a choice of one, else the form for its kind. */
export function AnswerField(props: { question: Question; headingId: string; formId: string; vocab: Vocabulary; answering: Answering }) {
  const { question: q, answering: a } = props;
  if (q.type === 'single')
    return (
      <SingleChoices
        question={q}
        headingId={props.headingId}
        chosen={a.current && 'values' in a.current ? a.current.values : []}
        pending={a.answer.isPending ? a.answer.variables : undefined}
        disabled={a.busy}
        onChoose={(value) => a.send({ values: [value] })}
      />
    );
  return (
    <form id={props.formId} onSubmit={a.submit} noValidate aria-labelledby={props.headingId}>
      <AnswerInput question={q} headingId={props.headingId} draft={a.draft} vocab={props.vocab} onChange={a.edit} />
    </form>
  );
}

/** Why the answer was not saved, when it was not. */
export function AnswerError({ answering }: { answering: Answering }) {
  if (!answering.error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title="This answer was not saved">
      {answering.error}
    </Alert>
  );
}

/** Skips the question, taking back the answer given, if any. */
export function SkipButton({ answering: a }: { answering: Answering }) {
  return (
    <Button variant="subtle" size="lg" onClick={a.skipIt} loading={a.skip.isPending} disabled={a.answer.isPending}>
      {a.current ? 'Clear and skip' : 'Skip'}
    </Button>
  );
}

/**
 * One question on its own screen: why it is asked (for the associate), what the customer said
 * last time (to confirm rather than ask again), large choices, and Back, Skip and Continue.
 */
export function QuestionStep(props: {
  session: GuidanceSession;
  question: Question;
  vocab: Vocabulary;
  customerView: boolean;
  onGo: (step: string) => void;
  onAnnounce: (message: string) => void;
}) {
  const { session, question: q, vocab, customerView } = props;
  const headingId = useId();
  const formId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const current = session.answers[q.key];
  const known: KnownAnswer | undefined = session.known[q.key];
  const [changing, setChanging] = useState(false);
  const index = session.toAsk.indexOf(q.key);
  const total = session.toAsk.length;
  const back = previousStep(session.toAsk, q.key);

  // A new question: the heading takes the focus, so a screen reader reads it out.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);

  const done = (next: GuidanceSession, message: string) => {
    props.onAnnounce(message);
    props.onGo(nextStep(next.toAsk, q.key));
  };
  const words = useGuidanceWrites().answeredWords;
  const answering = useAnswering(session, q, {
    answered: (next) => done(next, words),
    skipped: (next) => done(next, current ? 'Answer taken back.' : 'Question skipped.'),
  });
  const { answer, skip, busy } = answering;

  const confirmed = known !== undefined && sameAnswer(current, known.answer);
  const offerKnown = known !== undefined && !changing && (current === undefined || confirmed);
  const isSingle = q.type === 'single';

  return (
    <Stack gap="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Text size="sm" fw={600} c="dimmed">
          Question {index + 1} of {total}
        </Text>
        <Box aria-hidden="true">
          <Progress value={((index + 1) / Math.max(total, 1)) * 100} size="md" />
        </Box>
      </Stack>

      <Stack gap="xs">
        <Title
          order={2}
          ref={heading}
          id={headingId}
          tabIndex={-1}
          data-autofocus
          style={{ outline: 'none', fontSize: customerView ? '2.25rem' : '1.875rem', lineHeight: 1.2 }}
        >
          {q.prompt}
        </Title>
        {!customerView && q.help && (
          <Text c="dimmed" size="md">
            <Text span fw={650} c="gray.8">
              Why ask:{' '}
            </Text>
            {q.help}
          </Text>
        )}
      </Stack>

      {offerKnown && known ? (
        <LastTime
          question={q}
          known={known}
          confirmed={confirmed}
          customerView={customerView}
          vocab={vocab}
          pending={answer.isPending}
          onConfirm={() => answering.send(known.answer)}
          onContinue={() => props.onGo(nextStep(session.toAsk, q.key))}
          onChange={() => {
            setChanging(true);
            answering.restart(current ?? known.answer);
          }}
        />
      ) : (
        <AnswerField question={q} headingId={headingId} formId={formId} vocab={vocab} answering={answering} />
      )}

      <AnswerError answering={answering} />

      {/* Kept in reach of the thumb however long the list of choices. */}
      <div className={classes.stepBar}>
        <Button variant="default" size="lg" disabled={back === null || busy} onClick={() => back && props.onGo(back)}>
          Back
        </Button>
        <SkipButton answering={answering} />
        {!isSingle && !offerKnown && (
          <Button type="submit" form={formId} size="lg" loading={answer.isPending} disabled={skip.isPending} className={classes.grow}>
            Continue
          </Button>
        )}
        {isSingle && !offerKnown && current && (
          <Button size="lg" onClick={() => props.onGo(nextStep(session.toAsk, q.key))} disabled={busy} className={classes.grow}>
            Continue
          </Button>
        )}
      </div>
    </Stack>
  );
}

/** "8 Nov 2026". */
const day = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

/** "Last time you said …": a returning customer's earlier answer, to confirm or change. */
function LastTime(props: {
  question: Question;
  known: KnownAnswer;
  confirmed: boolean;
  customerView: boolean;
  vocab: Vocabulary;
  pending: boolean;
  onConfirm: () => void;
  onContinue: () => void;
  onChange: () => void;
}) {
  const me = useSignedIn();
  const id = useId();
  const { known, question: q } = props;
  const colours = q.type === 'vocabulary' && q.vocabulary === 'colour' && 'values' in known.answer ? known.answer.values : [];
  return (
    <Card withBorder padding="lg" radius="lg" bg="moss.0" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Stack gap={4}>
          <Text id={id} fw={650} c="moss.9" size="md">
            {props.confirmed ? 'Confirmed today' : 'Last time you said'}
          </Text>
          <Text fw={650} style={{ fontSize: props.customerView ? '1.75rem' : '1.5rem', lineHeight: 1.3 }}>
            {sentence(known.said)}
          </Text>
          {colours.length > 0 && (
            <Group component="ul" gap="md" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Colours">
              {colours.map((c) => (
                <Group component="li" key={c} gap={8} wrap="nowrap">
                  <Swatch hex={props.vocab.find('colour', c)?.hex} size={28} />
                  <Text size="lg">{props.vocab.label('colour', c)}</Text>
                </Group>
              ))}
            </Group>
          )}
          {!props.customerView && (
            <Text size="sm" c="dimmed">
              Noted {known.recordedByName ? `by ${known.recordedByName} ` : ''}on {day(known.recordedAt, me.retailer.locale)}
            </Text>
          )}
        </Stack>
        <Group gap="sm" wrap="wrap">
          {props.confirmed ? (
            <Button size="lg" onClick={props.onContinue}>
              Continue
            </Button>
          ) : (
            <Button size="lg" onClick={props.onConfirm} loading={props.pending}>
              Yes, that’s still right
            </Button>
          )}
          <Button size="lg" variant="default" onClick={props.onChange} disabled={props.pending}>
            {props.confirmed ? 'Change the answer' : 'Something else'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A choice of one: each choice a large button that answers and moves on in one tap. */
export function SingleChoices(props: {
  question: Question;
  headingId: string;
  chosen: string[];
  pending: Answer | undefined;
  disabled: boolean;
  onChoose: (value: string) => void;
}) {
  const pendingValue = props.pending && 'values' in props.pending ? props.pending.values[0] : undefined;
  return (
    <Stack gap="sm" role="group" aria-labelledby={props.headingId}>
      {(props.question.choices ?? []).map((c) => {
        const chosen = props.chosen.includes(c.value);
        return (
          <UnstyledButton
            key={c.value}
            className={classes.choice}
            aria-pressed={chosen}
            disabled={props.disabled}
            onClick={() => props.onChoose(c.value)}
            style={{ border: '1px solid var(--mantine-color-gray-4)', opacity: props.disabled && pendingValue !== c.value ? 0.6 : 1 }}
          >
            <Group justify="space-between" wrap="nowrap" w="100%" gap="md">
              <Text component="span" inherit fw={chosen ? 650 : 500}>
                {c.label}
              </Text>
              {chosen && (
                <Badge variant="filled" color="moss.8" size="lg" component="span">
                  Chosen
                </Badge>
              )}
              {pendingValue === c.value && (
                <Text component="span" size="sm" c="dimmed">
                  Saving…
                </Text>
              )}
            </Group>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}

/** Every other kind of answer: several choices, vocabulary words, a number, a quantity, a budget or words. */
export function AnswerInput(props: {
  question: Question;
  headingId: string;
  draft: Draft;
  vocab: Vocabulary;
  onChange: (d: Draft) => void;
}) {
  const me = useSignedIn();
  const { question: q, draft, onChange } = props;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });

  if (q.type === 'multiple' || q.type === 'vocabulary') {
    const options =
      q.type === 'multiple'
        ? (q.choices ?? []).map((c) => ({ value: c.value, label: c.label, hex: null as string | null }))
        : vocabularyOptions(props.vocab, q, draft.values);
    if (options.length === 0 && q.vocabulary) return <NoWords kind={q.vocabulary} />;
    return (
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Choose all that apply.
        </Text>
        <Box role="group" aria-labelledby={props.headingId}>
          <Checkbox.Group value={draft.values} onChange={(values) => set({ values })} size="md">
            <Group gap="sm" mt={4}>
              {options.map((o) => (
                <Checkbox.Card key={o.value} value={o.value} className={q.type === 'multiple' ? classes.choice : classes.chip}>
                  <Group gap={10} wrap="nowrap">
                    <Checkbox.Indicator size="md" />
                    {o.hex && <Swatch hex={o.hex} size={30} />}
                    <Text component="span" inherit>
                      {o.label}
                    </Text>
                  </Group>
                </Checkbox.Card>
              ))}
            </Group>
          </Checkbox.Group>
        </Box>
      </Stack>
    );
  }

  if (q.type === 'quantity' || q.type === 'number') {
    const whole = q.type === 'quantity';
    return (
      <Stepper
        label={whole ? 'How many' : 'Their answer'}
        value={draft.amount}
        min={whole ? 1 : undefined}
        max={whole ? MAX_QUANTITY : undefined}
        whole={whole}
        onChange={(amount) => set({ amount })}
      />
    );
  }

  if (q.type === 'budget')
    return (
      <Stack gap="lg">
        <NumberInput
          label="The most they would like to spend"
          description="For everything together"
          leftSection={currencySymbol(me)}
          value={draft.amount}
          onChange={(v) => set({ amount: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
          min={0}
          decimalScale={2}
          allowNegative={false}
          hideControls
          inputMode="decimal"
          size="lg"
          maw={280}
          styles={{ label: LABEL, input: { fontWeight: 650, fontSize: 'var(--mantine-font-size-xl)' } }}
        />
        <Radio.Group
          label="Is it firm?"
          value={draft.firm ? 'firm' : 'flexible'}
          onChange={(v) => set({ firm: v === 'firm' })}
          styles={{ label: LABEL }}
        >
          <Stack gap="sm" mt={6}>
            <Radio.Card value="firm" className={classes.choice} withBorder>
              <Group gap="md" wrap="nowrap">
                <Radio.Indicator size="md" />
                <Stack gap={0}>
                  <Text inherit fw={600}>
                    Firm
                  </Text>
                  <Text size="sm" c="dimmed">
                    Nothing above it is suggested
                  </Text>
                </Stack>
              </Group>
            </Radio.Card>
            <Radio.Card value="flexible" className={classes.choice} withBorder>
              <Group gap="md" wrap="nowrap">
                <Radio.Indicator size="md" />
                <Stack gap={0}>
                  <Text inherit fw={600}>
                    Flexible
                  </Text>
                  <Text size="sm" c="dimmed">
                    At most two closer fits above it are shown, apart, with how much more they cost
                  </Text>
                </Stack>
              </Group>
            </Radio.Card>
          </Stack>
        </Radio.Group>
      </Stack>
    );

  return (
    <Textarea
      label="In their words"
      value={draft.text}
      onChange={(e) => set({ text: e.currentTarget.value })}
      autosize
      minRows={3}
      maxLength={2000}
      size="lg"
    />
  );
}

/** A number typed in or stepped with large − and + buttons. */
function Stepper(props: {
  label: string;
  value: number | '';
  min: number | undefined;
  max: number | undefined;
  whole: boolean;
  onChange: (v: number | '') => void;
}) {
  const n = props.value === '' ? (props.min ?? 0) - 1 : props.value;
  const clamp = (v: number) => Math.min(props.max ?? Number.POSITIVE_INFINITY, Math.max(props.min ?? Number.NEGATIVE_INFINITY, v));
  const step = (by: number) => props.onChange(clamp(props.value === '' ? (props.min ?? 0) : Math.round(n) + by));
  return (
    <Group gap="sm" wrap="nowrap" align="flex-end">
      <ActionIcon
        size={50}
        variant="default"
        radius="md"
        aria-label="One fewer"
        onClick={() => step(-1)}
        disabled={props.min !== undefined && n <= props.min}
      >
        <Text size="xl" fw={700} aria-hidden="true">
          −
        </Text>
      </ActionIcon>
      <NumberInput
        label={props.label}
        value={props.value}
        onChange={(v) => props.onChange(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
        allowDecimal={!props.whole}
        allowNegative={props.min === undefined || props.min < 0}
        clampBehavior="none"
        hideControls
        inputMode={props.whole ? 'numeric' : 'decimal'}
        size="lg"
        w={150}
        styles={{ label: LABEL, input: { textAlign: 'center', fontWeight: 650, fontSize: 'var(--mantine-font-size-xl)' } }}
      />
      <ActionIcon
        size={50}
        variant="default"
        radius="md"
        aria-label="One more"
        onClick={() => step(1)}
        disabled={props.max !== undefined && n >= props.max}
      >
        <Text size="xl" fw={700} aria-hidden="true">
          +
        </Text>
      </ActionIcon>
    </Group>
  );
}

/** The vocabulary's words for a question, and any word already chosen that has since been archived. */
function vocabularyOptions(vocab: Vocabulary, q: Question, chosen: string[]) {
  const kind = q.vocabulary;
  if (!kind) return [];
  const active = vocab.active(kind);
  const extra = chosen.filter((k) => !active.some((t) => t.key === k));
  return [
    ...active.map((t) => ({ value: t.key, label: t.label, hex: t.hex })),
    ...extra.map((k) => ({ value: k, label: vocab.label(kind, k), hex: vocab.find(kind, k)?.hex ?? null })),
  ];
}

function NoWords({ kind }: { kind: NonNullable<Question['vocabulary']> }) {
  const me = useSignedIn();
  const many = KIND_LABEL[kind].many.toLowerCase();
  return (
    <Alert color="gray" variant="light" title={`No ${many} to choose from yet`}>
      <Stack gap="sm" align="flex-start">
        <Text>
          {can(me, 'catalog.edit')
            ? `Add your shop’s ${many} to the vocabulary, or skip this question for now.`
            : `An owner adds the shop’s ${many} under Vocabulary. Skip this question for now.`}
        </Text>
        {can(me, 'catalog.edit') && (
          <LinkButton to="/vocabulary" variant="white">
            Open the vocabulary
          </LinkButton>
        )}
      </Stack>
    </Alert>
  );
}
