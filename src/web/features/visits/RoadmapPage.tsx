import { Alert, Badge, Box, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RoadmapDefinition } from '../../../shared/domain/roadmap.ts';
import { ApiError } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ConfirmRemoveCard, EditorCardList } from '../../ui/EditorCard.tsx';
import { MistakesSummary, mistakesAt, NO_WRAP, SaveBar } from '../../ui/EditorForm.tsx';
import { placeMistakes, refusedMistakes, useEditorCards, useWarnBeforeUnload, written } from '../../ui/editor.ts';
import { Page } from '../../ui/Page.tsx';
import { ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { dateTime, relativeTime } from '../customers/format.ts';
import { Conflict } from './roadmap/Conflict.tsx';
import {
  blankStep,
  type Draft,
  definitionOf,
  differences,
  draftOf,
  fingerprint,
  keysOf,
  moveStep,
  removeStep,
  updateStep,
} from './roadmap/draft.ts';
import { describePlace, fieldId, findProblems, LIMITS, placeOf, stepIndexOf } from './roadmap/problems.ts';
import { StepCard, stepCardId, stepName } from './roadmap/StepCard.tsx';
import { ROADMAP_KEY, type Roadmap, saveRoadmap, useRoadmap } from './visits.api.ts';

const TITLE = 'Roadmap';
const SUMMARY = 'roadmap-mistakes';
const STEPS_HEADING = 'roadmap-steps-heading';

/**
 * `/visits/roadmap` (owners): the steps of a good visit, in order, each with guidance, whether it
 * may be skipped and what marks it done. Mistakes show at their field as the owner edits; a save
 * makes a new version from the version opened and never overwrites a colleague's newer one.
 */
export function RoadmapPage() {
  const roadmap = useRoadmap();
  if (!roadmap.data) {
    return (
      <Page title={TITLE}>
        {roadmap.isError ? (
          <ErrorState error={roadmap.error} onRetry={() => roadmap.refetch()} title="The roadmap could not be opened" />
        ) : (
          <LoadingState label="Loading the roadmap…" />
        )}
      </Page>
    );
  }
  return <Editor initial={roadmap.data} />;
}

function Editor({ initial }: { initial: Roadmap }) {
  const me = useSignedIn();
  // The same cached query as the page's: it brings a colleague's newer version when it is fetched again.
  const roadmap = useRoadmap();
  const latest = roadmap.data ?? initial;
  const queryClient = useQueryClient();
  const locale = me.retailer.locale;

  const [base, setBase] = useState<Roadmap>(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial.definition));
  const [attempted, setAttempted] = useState(false);
  const [notice, setNotice] = useState<{ title: string; body: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [loadingTheirs, setLoadingTheirs] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const cards = useEditorCards(draft.steps, stepCardId, () => []);

  const definition = useMemo(() => definitionOf(draft), [draft]);
  const keys = useMemo(() => keysOf(draft), [draft]);
  const print = fingerprint(definition);
  const baseline = useMemo(() => fingerprint(definitionOf(draftOf(base.definition))), [base]);
  const dirty = print !== baseline;
  const newer = latest.currentVersion > base.currentVersion ? latest : null;

  const save = useMutation({
    mutationFn: (sent: { version: number; definition: RoadmapDefinition; print: string }) => saveRoadmap(sent.version, sent.definition),
    onSuccess: (result) => {
      queryClient.setQueryData(ROADMAP_KEY, result);
      adopt(result);
      setNotice({
        title: `Saved as version ${result.currentVersion}`,
        body: `Visits already under way keep the version they started with; visits started from now on follow version ${result.currentVersion}.`,
      });
    },
    onError: (err) => {
      // A colleague's newer version: fetch it, to show what they changed beside what is in the editor.
      if (err instanceof ApiError && err.code === 'stale_version') void queryClient.invalidateQueries({ queryKey: ROADMAP_KEY });
    },
  });
  // A refused save belongs to the version it was made from; once the owner moves on from that version, it is over.
  const stale = save.error instanceof ApiError && save.error.code === 'stale_version' && save.variables?.version === base.currentVersion;
  const refusedFields = save.error instanceof ApiError && save.error.code === 'validation_failed';

  /** Starts editing from a version: its steps, nothing open, no mistakes shown yet. */
  function adopt(version: Roadmap) {
    setBase(version);
    setDraft(draftOf(version.definition));
    cards.closeAll();
    setAttempted(false);
  }

  // A newer version seen with nothing changed here is simply shown; with changes, the owner chooses (the conflict below).
  // biome-ignore lint/correctness/useExhaustiveDependencies: adopt only sets state; this runs when a newer version arrives
  useEffect(() => {
    if (newer && !dirty && !save.isPending) {
      adopt(newer);
      setNotice({ title: `Showing version ${newer.currentVersion}`, body: 'A colleague saved this version after you opened the roadmap.' });
    }
  }, [newer, dirty, save.isPending]);

  // The server's mistakes belong to what was sent; once the owner edits, the checks here take over.
  const serverProblems = useMemo(() => refusedMistakes(save.error, save.variables?.print, print), [save.error, save.variables, print]);
  const local = useMemo(() => findProblems(definition), [definition]);

  // Everything wrong, placed at the field that shows it; a step being written for the first time shows its own once a save is tried.
  const problems = useMemo(() => {
    const newSteps = new Set(draft.steps.flatMap((s, i) => (s.key === null ? [i] : [])));
    return placeMistakes([...local, ...serverProblems], (path) => placeOf(path, definition, newSteps), {
      attempted,
      cards: draft.steps,
      cardOf: stepIndexOf,
    });
  }, [local, serverProblems, definition, draft.steps, attempted]);
  const { errorAt, mistakesOf } = mistakesAt(problems, stepIndexOf);

  useWarnBeforeUnload(dirty);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const change = (next: (d: Draft) => Draft) => {
    setDraft(next);
    setNotice(null);
  };

  const toggle = (uid: string) => {
    if (cards.toggle(uid)) setDraft((d) => updateStep(d, uid, written));
  };

  const goTo = (place: string) => cards.goTo(stepIndexOf(place), fieldId(place));

  function submit() {
    if (local.length > 0) {
      setAttempted(true);
      cards.focus(SUMMARY);
      return;
    }
    save.mutate({ version: base.currentVersion, definition, print });
  }

  function addStep() {
    const step = blankStep();
    change((d) => ({ ...d, steps: [...d.steps, step] }));
    cards.added(step.uid, fieldId(`steps.${draft.steps.length}.name`));
  }

  function move(uid: string, delta: -1 | 1) {
    cards.moving(uid, delta);
    change((d) => moveStep(d, uid, delta));
  }

  function keepMine() {
    if (!newer) return;
    setBase(newer);
    save.reset();
    setNotice({
      title: `Your changes now go on top of version ${newer.currentVersion}`,
      body: `Saving makes version ${newer.currentVersion + 1} exactly as you see it here.`,
    });
  }

  function loadTheirs() {
    if (!newer) return;
    adopt(newer);
    save.reset();
    setLoadingTheirs(false);
    setNotice({
      title: `Showing version ${newer.currentVersion}`,
      body: 'This is your colleague’s version. Make your changes again on top of it.',
    });
  }

  const status = save.isPending ? 'Saving…' : dirty ? 'Not saved' : 'All saved';
  const removingStep = draft.steps.find((s) => s.uid === removing);
  const myChanges = useMemo(() => (dirty ? differences(base.definition, definition) : []), [dirty, base, definition]);

  return (
    <Page title={TITLE}>
      <Stack gap="xs" mt={-8}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="outline" color="moss.8">
            Version {base.currentVersion}
          </Badge>
          <Text size="sm" c="dimmed">
            Last changed {dateTime(base.updatedAt, locale)} ({relativeTime(base.updatedAt, locale)})
          </Text>
        </Group>
        <Text>
          The steps of a good visit, in order. During a visit, associates see each step with its guidance and mark it done or skipped.
        </Text>
        <Text c="dimmed">
          Each save makes a new version. Visits already under way keep the version they started with; visits started after you save follow
          the new one.
        </Text>
      </Stack>

      {notice && (
        <Alert color="moss" variant="light" role="status" ref={noticeRef} tabIndex={-1} title={notice.title}>
          {notice.body}
        </Alert>
      )}
      {(stale || (newer && dirty)) && (
        <Conflict
          base={base}
          newer={newer}
          mine={definition}
          refused={stale}
          failed={!newer && !roadmap.isFetching}
          onRetry={() => void roadmap.refetch()}
          locale={locale}
          onKeepMine={keepMine}
          onLoadTheirs={() => setLoadingTheirs(true)}
        />
      )}
      {!stale && !refusedFields && <FormError error={save.error} />}
      <MistakesSummary
        id={SUMMARY}
        title={problems.length === 1 ? 'One thing to fix before saving' : `${problems.length} things to fix before saving`}
        problems={problems}
        describe={describePlace}
        onGo={goTo}
      />

      <Card withBorder padding="lg" component="section" aria-label="About the roadmap">
        <TextInput
          id={fieldId('name')}
          label="Name of the roadmap"
          description="For you and your managers; associates see its steps"
          value={draft.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            change((d) => ({ ...d, name }));
          }}
          error={errorAt('name')}
          required
          maxLength={LIMITS.name}
        />
      </Card>

      <EditorCardList
        headingId={STEPS_HEADING}
        heading={`Steps (${draft.steps.length})`}
        hint="A visit goes through them in this order. Open a step to change it; the arrows move it."
        error={errorAt('steps')}
        errorId={fieldId('steps')}
        label="Steps, in the order of a visit"
        empty={<Text fs="italic">No steps. Add the first step of a visit.</Text>}
        count={draft.steps.length}
        allOpen={cards.allOpen}
        onAllOpen={cards.setAllOpen}
        addLabel="Add a step"
        addDisabled={draft.steps.length >= LIMITS.steps}
        onAdd={addStep}
      >
        {draft.steps.map((s, i) => (
          <StepCard
            key={s.uid}
            step={s}
            index={i}
            count={draft.steps.length}
            stepKey={keys[i] ?? ''}
            open={cards.isOpen(s.uid)}
            error={errorAt}
            mistakes={mistakesOf(i)}
            onToggle={() => toggle(s.uid)}
            onChange={(fn) => change((d) => updateStep(d, s.uid, fn))}
            onMove={(delta) => move(s.uid, delta)}
            onRemove={() => setRemoving(s.uid)}
          />
        ))}
      </EditorCardList>

      <SaveBar status={status} oneLine>
        <Button
          variant="default"
          onClick={() => setDiscarding(true)}
          disabled={!dirty || save.isPending}
          px="sm"
          styles={NO_WRAP}
          aria-label="Discard changes"
        >
          {/* A phone has room for one word beside the save button. */}
          <Box component="span" hiddenFrom="xs">
            Discard
          </Box>
          <Box component="span" visibleFrom="xs">
            Discard changes
          </Box>
        </Button>
        <Button onClick={submit} loading={save.isPending} disabled={!dirty} px="sm" styles={NO_WRAP}>
          Save as version {base.currentVersion + 1}
        </Button>
      </SaveBar>

      {removingStep && (
        <ConfirmRemoveCard
          noun="step"
          number={draft.steps.indexOf(removingStep) + 1}
          onRemove={() => {
            change((d) => removeStep(d, removingStep.uid));
            setRemoving(null);
            cards.focus(STEPS_HEADING);
          }}
          onClose={() => setRemoving(null)}
        >
          “{stepName(removingStep)}” is taken out of the roadmap when you save. Visits already under way keep it.
        </ConfirmRemoveCard>
      )}
      {discarding && (
        <ConfirmModal
          title="Discard your changes?"
          confirmLabel="Discard changes"
          danger
          pending={false}
          error={null}
          onConfirm={() => {
            adopt(base);
            save.reset();
            setDiscarding(false);
            setNotice({ title: `Showing version ${base.currentVersion}`, body: 'Your changes were discarded.' });
          }}
          onClose={() => setDiscarding(false)}
        >
          {`The roadmap goes back to version ${base.currentVersion} as it was saved. ${
            myChanges.length ? `You lose: ${myChanges.join('; ')}.` : ''
          }`}
        </ConfirmModal>
      )}
      {loadingTheirs && newer && (
        <ConfirmModal
          title={`Load version ${newer.currentVersion}?`}
          confirmLabel="Load their version"
          danger
          pending={false}
          error={null}
          onConfirm={loadTheirs}
          onClose={() => setLoadingTheirs(false)}
        >
          {`Your changes here are dropped${myChanges.length ? `: ${myChanges.join('; ')}` : ''}. Note anything you want to keep first.`}
        </ConfirmModal>
      )}
    </Page>
  );
}
