import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type MouseEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { VocabularyKind } from '../../../../shared/customers.ts';
import { ApiError } from '../../../api.ts';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ConfirmRemoveCard, EditorCardList } from '../../../ui/EditorCard.tsx';
import { MistakesSummary, mistakesAt, NO_WRAP, SaveBar } from '../../../ui/EditorForm.tsx';
import { placeMistakes, refusedMistakes, useEditorCards, useWarnBeforeUnload, written } from '../../../ui/editor.ts';
import { Page } from '../../../ui/Page.tsx';
import { ErrorState, FormError, LoadingState } from '../../../ui/states.tsx';
import { useSignedIn } from '../../auth/me-context.ts';
import { type Category, useCategories } from '../../catalog/catalog.api.ts';
import { dateTime } from '../../customers/format.ts';
import { LinkButton } from '../../customers/LinkButton.tsx';
import { WarningAlert } from '../../customers/WarningAlert.tsx';
import { type Term, useVocabulary, vocabularyOf } from '../../vocabulary/vocabulary.api.ts';
import {
  blankQuestion,
  changeType,
  changeVocabulary,
  type Draft,
  definitionOf,
  dependentsOf,
  draftOf,
  fingerprint,
  moveQuestion,
  removeChoice,
  removeQuestion,
  updateQuestion,
} from './draft.ts';
import { Preview } from './Preview.tsx';
import { describePlace, fieldId, findProblems, type Known, normalisePath, placeOf, questionIndexOf } from './problems.ts';
import { QuestionCard, questionCardId } from './QuestionCard.tsx';
import {
  createQuestionSet,
  fetchQuestionSet,
  QUESTION_SETS_KEY,
  type QuestionSet,
  questionSetKey,
  saveQuestionSet,
  useQuestionSet,
} from './question-sets.api.ts';
import { count } from './words.ts';

const LIST = '/selling/question-sets';
const SUMMARY = 'question-set-mistakes';

/**
 * `/selling/question-sets/:id` (owners; `new` writes a new set): what guided selling asks, in
 * order, and what each answer means. Mistakes show at their field as the owner edits; a save
 * makes a new version from the version opened, and never overwrites a colleague's newer one.
 */
export function QuestionSetEditorPage() {
  const { id = 'new' } = useParams();
  const location = useLocation();
  const isNew = id === 'new';
  const set = useQuestionSet(id, !isNew);
  const vocabulary = useVocabulary();
  const categories = useCategories();
  // A set just created here keeps its editor (open cards, the "saved" notice) as the address changes to its id.
  const createdHere = (location.state as { createdHere?: unknown } | null)?.createdHere === true;
  const title = isNew ? 'New question set' : (set.data?.name ?? 'Question set');
  const failed =
    (!isNew && set.isError ? set : null) ?? (vocabulary.isError ? vocabulary : null) ?? (categories.isError ? categories : null);
  if (failed) {
    const gone = failed.error instanceof ApiError && failed.error.status === 404;
    return (
      <Page title={title}>
        <ErrorState
          error={failed.error}
          onRetry={gone ? undefined : () => failed.refetch()}
          title="This question set could not be opened"
        />
        <LinkButton to={LIST} variant="light" w="fit-content">
          Back to question sets
        </LinkButton>
      </Page>
    );
  }
  if ((!isNew && !set.data) || !vocabulary.data || !categories.data) {
    return (
      <Page title={title}>
        <LoadingState label="Loading the question set…" />
      </Page>
    );
  }
  return (
    <Editor
      key={isNew || createdHere ? 'new' : id}
      initial={isNew ? null : (set.data ?? null)}
      terms={vocabulary.data}
      categories={categories.data}
    />
  );
}

const NEW_SET = (): Draft => ({ name: '', purpose: '', categories: [], active: true, questions: [blankQuestion([])] });

function Editor({ initial, terms, categories }: { initial: QuestionSet | null; terms: Term[]; categories: Category[] }) {
  const me = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const vocab = useMemo(() => vocabularyOf(terms), [terms]);
  const known = useMemo(() => knownOf(terms, categories), [terms, categories]);
  const families = useMemo(() => [...known.families].sort(), [known]);

  const [base, setBase] = useState<QuestionSet | null>(initial);
  const [draft, setDraft] = useState<Draft>(() => (initial ? draftOf(initial.definition, initial.active) : NEW_SET()));
  const [baseline, setBaseline] = useState(() => fingerprint(draft));
  const [attempted, setAttempted] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [reloaded, setReloaded] = useState<number | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const notice = useRef<HTMLDivElement>(null);
  const cards = useEditorCards(draft.questions, questionCardId, () => (initial ? [] : draft.questions.map((q) => q.uid)));

  const definition = useMemo(() => definitionOf(draft), [draft]);
  const print = useMemo(() => fingerprint(draft), [draft]);
  const dirty = print !== baseline;

  const save = useMutation({
    mutationFn: (sent: { draft: Draft; print: string }) => {
      const def = definitionOf(sent.draft);
      return base ? saveQuestionSet(base.id, base.currentVersion, { ...def, active: sent.draft.active }) : createQuestionSet(def);
    },
    onSuccess: (result, sent) => {
      queryClient.setQueryData(questionSetKey(result.id), result);
      void queryClient.invalidateQueries({ queryKey: [...QUESTION_SETS_KEY, 'list'] });
      setBase(result);
      setBaseline(sent.print);
      setSaved(result.version);
      setReloaded(null);
      setAttempted(false);
      if (!base) navigate(`${LIST}/${result.id}`, { replace: true, state: { createdHere: true } });
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === 'stale_version';
  // The server's mistakes belong to what was sent; once the owner edits, the checks here take over.
  const serverProblems = useMemo(
    () => refusedMistakes(save.error, save.variables?.print, print, normalisePath),
    [save.error, save.variables, print],
  );

  const reload = useMutation({
    mutationFn: () => fetchQuestionSet(base?.id ?? ''),
    onSuccess: (fresh) => {
      queryClient.setQueryData(questionSetKey(fresh.id), fresh);
      void queryClient.invalidateQueries({ queryKey: [...QUESTION_SETS_KEY, 'list'] });
      const next = draftOf(fresh.definition, fresh.active);
      setBase(fresh);
      setDraft(next);
      setBaseline(fingerprint(next));
      cards.closeAll();
      setAttempted(false);
      setSaved(null);
      setReloaded(fresh.currentVersion);
      save.reset();
    },
  });

  // Everything wrong, placed at the field that shows it; a question being written for the first time shows its own once a save is tried.
  const problems = useMemo(
    () =>
      placeMistakes([...findProblems(definition, known), ...serverProblems], (path) => placeOf(path, definition), {
        attempted,
        cards: draft.questions,
        cardOf: questionIndexOf,
        // A new set's name is not written yet either.
        waits: (place) => !base && (place === 'name' || place === 'questions'),
      }),
    [definition, known, serverProblems, attempted, draft.questions, base],
  );
  const blocking = useMemo(() => findProblems(definition, known).length, [definition, known]);
  const { errorAt, mistakesOf } = mistakesAt(problems, questionIndexOf);

  useWarnBeforeUnload(dirty);

  useEffect(() => {
    if (saved !== null || reloaded !== null) notice.current?.focus();
  }, [saved, reloaded]);

  const change = (next: (d: Draft) => Draft) => {
    setDraft(next);
    setSaved(null);
    setReloaded(null);
  };
  const toggle = (uid: string) => {
    if (cards.toggle(uid)) setDraft((d) => updateQuestion(d, uid, written));
  };

  const goTo = (place: string) => cards.goTo(questionIndexOf(place), fieldId(place));

  function submit() {
    if (blocking > 0) {
      setAttempted(true);
      cards.focus(SUMMARY);
      return;
    }
    save.mutate({ draft, print });
  }

  function addQuestion() {
    const q = blankQuestion(draft.questions.map((o) => o.key));
    change((d) => ({ ...d, questions: [...d.questions, q] }));
    cards.added(q.uid, fieldId(`questions[${draft.questions.length}].prompt`));
  }

  function move(uid: string, delta: -1 | 1) {
    cards.moving(uid, delta);
    change((d) => moveQuestion(d, uid, delta));
  }

  function leave(e: MouseEvent) {
    if (!dirty) return;
    e.preventDefault();
    setLeaving(true);
  }

  const status = save.isPending
    ? 'Saving…'
    : !base
      ? 'Not created yet'
      : dirty
        ? 'Unsaved changes'
        : `Version ${base.currentVersion} saved`;
  const removingQuestion = draft.questions.find((q) => q.uid === removing);
  const removingDependents = removing ? dependentsOf(draft, removing) : [];
  const locale = me.retailer.locale;

  return (
    <Page
      title={base?.name ?? 'New question set'}
      actions={
        <Button
          component={Link}
          to={LIST}
          variant="default"
          onClick={leave}
          styles={{ root: { display: 'inline-flex', alignItems: 'center', justifyContent: 'center' } }}
        >
          Back to question sets
        </Button>
      }
    >
      <Stack gap="xs" mt={-8}>
        {base && (
          <Group gap="xs" wrap="wrap">
            <Badge variant="outline" color="moss.8">
              Version {base.currentVersion}
            </Badge>
            {base.active ? (
              <Badge variant="outline" color="moss.8">
                Active
              </Badge>
            ) : (
              <Badge variant="outline" color="gray.7">
                Switched off
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              Last changed {dateTime(base.updatedAt, locale)}
            </Text>
          </Group>
        )}
        <Text c="dimmed">
          Each save makes a new version. Visits already under way keep the version they started with; new visits use the latest.
        </Text>
      </Stack>

      {saved !== null && (
        <Alert color="moss" variant="light" role="status" ref={notice} tabIndex={-1} title={`Saved as version ${saved}`}>
          Visits already under way keep the version they started with; visits from now on ask version {saved}.
        </Alert>
      )}
      {reloaded !== null && (
        <Alert color="moss" variant="light" role="status" ref={notice} tabIndex={-1} title={`Showing version ${reloaded}`}>
          This is the latest version, with your colleague’s changes. Make your changes again on top of it.
        </Alert>
      )}
      {stale ? (
        <WarningAlert title="Someone else saved a newer version">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              A colleague saved this question set after you opened it. Nothing of yours was saved, and their version was not overwritten.
              Reload to see their version; your changes here will then be replaced, so note anything you want to keep.
            </Text>
            <Button variant="default" onClick={() => reload.mutate()} loading={reload.isPending}>
              Reload the latest version
            </Button>
          </Stack>
        </WarningAlert>
      ) : (
        !(save.error instanceof ApiError && save.error.code === 'validation_failed') && <FormError error={save.error} />
      )}
      {reload.isError && <FormError error={reload.error} />}
      <MistakesSummary
        id={SUMMARY}
        title={`${count(problems.length, 'mistake')} to fix before saving`}
        problems={problems}
        describe={describePlace}
        onGo={goTo}
      />

      <Card withBorder padding="lg" component="section" aria-labelledby="about-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="about-heading">
            About this set
          </Title>
          <TextInput
            id={fieldId('name')}
            label="Name"
            description="What associates choose when a visit starts"
            value={draft.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              change((d) => ({ ...d, name }));
            }}
            error={errorAt('name')}
            required
            maxLength={120}
          />
          <Textarea
            id={fieldId('purpose')}
            label="What it is for"
            description="A kind of product or an occasion, in your words"
            value={draft.purpose}
            onChange={(e) => {
              const purpose = e.currentTarget.value;
              change((d) => ({ ...d, purpose }));
            }}
            error={errorAt('purpose')}
            autosize
            minRows={2}
            size="md"
            maxLength={300}
          />
          <CategoriesField
            categories={categories}
            value={draft.categories}
            onChange={(next) => change((d) => ({ ...d, categories: next }))}
            error={errorAt('categories')}
          />
          {base ? (
            <Switch
              id={fieldId('active')}
              label="Active"
              description={draft.active ? 'Offered when a visit starts' : 'Switched off: not offered when a visit starts'}
              checked={draft.active}
              onChange={(e) => {
                const active = e.currentTarget.checked;
                change((d) => ({ ...d, active }));
              }}
              error={errorAt('active')}
              size="md"
            />
          ) : (
            <Text size="sm" c="dimmed">
              A new set is active once created; you can switch it off afterwards.
            </Text>
          )}
        </Stack>
      </Card>

      <EditorCardList
        headingId="questions-heading"
        heading={`Questions (${draft.questions.length})`}
        hint="Asked in this order, each only when its condition is met. Open a question to change it."
        error={errorAt('questions')}
        errorId={fieldId('questions')}
        label="Questions, in the order they are asked"
        count={draft.questions.length}
        allOpen={cards.allOpen}
        onAllOpen={cards.setAllOpen}
        addLabel="Add a question"
        addDisabled={draft.questions.length >= 60}
        onAdd={addQuestion}
      >
        {draft.questions.map((q, i) => (
          <QuestionCard
            key={q.uid}
            question={q}
            index={i}
            questions={draft.questions}
            vocab={vocab}
            families={families}
            open={cards.isOpen(q.uid)}
            error={errorAt}
            mistakes={mistakesOf(i)}
            onToggle={() => toggle(q.uid)}
            onChange={(fn) => change((d) => updateQuestion(d, q.uid, fn))}
            onType={(type) => change((d) => changeType(d, q.uid, type))}
            onVocabulary={(kind: VocabularyKind | null) => change((d) => changeVocabulary(d, q.uid, kind))}
            onMove={(delta) => move(q.uid, delta)}
            onRemove={() => setRemoving(q.uid)}
            onRemoveChoice={(choice) => change((d) => removeChoice(d, q.uid, choice))}
          />
        ))}
      </EditorCardList>

      <Preview definition={definition} vocab={vocab} />

      <SaveBar status={status}>
        {problems.length > 0 && (
          <Button variant="default" c="red.9" onClick={() => cards.focus(SUMMARY)} px="sm" visibleFrom="sm" styles={NO_WRAP}>
            {count(problems.length, 'mistake')}
          </Button>
        )}
        <Button onClick={submit} loading={save.isPending} disabled={Boolean(base) && !dirty} styles={NO_WRAP}>
          {base ? `Save as version ${base.currentVersion + 1}` : 'Create question set'}
        </Button>
      </SaveBar>

      {removingQuestion && (
        <ConfirmRemoveCard
          noun="question"
          number={draft.questions.indexOf(removingQuestion) + 1}
          onRemove={() => {
            change((d) => removeQuestion(d, removingQuestion.uid));
            setRemoving(null);
            cards.focus('questions-heading');
          }}
          onClose={() => setRemoving(null)}
        >
          “{removingQuestion.prompt.trim() || 'New question'}” is taken out of the set when you save.
          {removingDependents.length > 0 &&
            ` ${removingDependents.map((q) => `“${q.prompt.trim() || q.key}”`).join(', ')} ${removingDependents.length === 1 ? 'is' : 'are'} asked only after it, and will then always be asked.`}
        </ConfirmRemoveCard>
      )}
      {leaving && (
        <ConfirmModal
          title="Leave without saving?"
          confirmLabel="Leave and lose changes"
          danger
          pending={false}
          error={null}
          onConfirm={() => navigate(LIST)}
          onClose={() => setLeaving(false)}
        >
          Your changes to this question set have not been saved.
        </ConfirmModal>
      )}
    </Page>
  );
}

/** The words, colour families and category paths the checks compare against. */
function knownOf(terms: Term[], categories: Category[]): Known {
  const vocabulary: Partial<Record<VocabularyKind, Set<string>>> = {};
  const families = new Set<string>();
  for (const t of terms) {
    const set = vocabulary[t.kind] ?? new Set<string>();
    set.add(t.key);
    vocabulary[t.kind] = set;
    if (t.kind === 'colour' && t.family) families.add(t.family);
  }
  return { vocabulary, families, categories: new Set(categories.map((c) => c.path.join('/'))) };
}

/**
 * The categories recommendations come from, as chips grouped under each top-level category.
 * A chosen category includes its sub-categories, which then show as included.
 */
function CategoriesField(props: { categories: Category[]; value: string[]; onChange: (value: string[]) => void; error: ReactNode }) {
  const paths = props.categories.map((c) => c.path.join('/'));
  const tops = props.categories.filter((c) => c.path.length === 1);
  const unknown = props.value.filter((v) => !paths.includes(v));
  const includedBy = (path: string) => props.value.some((v) => path.startsWith(`${v}/`));
  function onChange(next: string[]) {
    const added = next.filter((v) => !props.value.includes(v));
    // A parent chosen now covers its sub-categories: drop them rather than keep them twice.
    props.onChange(next.filter((v) => !added.some((a) => v.startsWith(`${a}/`))));
  }
  const chip = (path: string, label: string) => {
    const included = includedBy(path);
    const name = path.split('/').join(' › ');
    return (
      <Checkbox.Card
        key={path}
        value={path}
        aria-label={included ? `${name} (included)` : name}
        {...(included ? { checked: true, disabled: true } : {})}
        style={{
          width: 'auto',
          minHeight: '2.75rem',
          borderRadius: '999px',
          paddingBlock: '0.375rem',
          paddingInline: '0.75rem',
          display: 'inline-flex',
          alignItems: 'center',
        }}
      >
        <Group gap={8} wrap="nowrap">
          <Checkbox.Indicator size="sm" disabled={included} />
          <Text component="span" c={included ? 'dimmed' : undefined} fw={path.includes('/') ? undefined : 600}>
            {label}
          </Text>
        </Group>
      </Checkbox.Card>
    );
  };
  return (
    <div id={fieldId('categories')}>
      <Checkbox.Group
        label="Categories"
        description={
          props.value.length
            ? 'Recommendations come from these categories and their sub-categories.'
            : 'None chosen: recommendations come from the whole catalog.'
        }
        value={props.value}
        onChange={onChange}
        error={props.error}
        size="md"
      >
        <Stack gap="xs" mt={6}>
          {tops.map((top) => (
            <Group key={top.id} gap="xs">
              {chip(top.path.join('/'), top.name)}
              {props.categories
                .filter((c) => c.path.length > 1 && c.path[0] === top.name)
                .map((c) => chip(c.path.join('/'), c.path.slice(1).join(' › ')))}
            </Group>
          ))}
          {unknown.length > 0 && <Group gap="xs">{unknown.map((path) => chip(path, `${path} (not in the catalog)`))}</Group>}
        </Stack>
      </Checkbox.Group>
    </div>
  );
}
