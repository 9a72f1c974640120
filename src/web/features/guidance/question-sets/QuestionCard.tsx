import {
  ActionIcon,
  Box,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { PREFERENCE_KEYS, VOCABULARY_KINDS, type VocabularyKind } from '../../../../shared/customers.ts';
import { ANSWER_TYPES, type AnswerType, CHOOSING_TYPES } from '../../../../shared/domain/question-sets.ts';
import { MATCH_ATTRIBUTES, type MatchAttribute, type WishPolarity } from '../../../../shared/domain/recommend.ts';
import { EditorCard } from '../../../ui/EditorCard.tsx';
import { PlaceError } from '../../../ui/EditorForm.tsx';
import { PREFERENCE_LABEL } from '../../customers/preferences.ts';
import { KIND_LABEL, type Vocabulary } from '../../vocabulary/vocabulary.api.ts';
import { type Option, PickMany } from './Chips.tsx';
import { blankChoice, blankMapping, type DraftChoice, type DraftMapping, type DraftQuestion, suggestKey, takesMaps } from './draft.ts';
import { fieldId } from './problems.ts';
import { ANSWER_TYPE_LABEL, ATTRIBUTE_KIND, ATTRIBUTE_LABEL, capital, FIXED_VALUES } from './words.ts';

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** What the card needs from the editor around it. */
export interface CardProps {
  question: DraftQuestion;
  index: number;
  /** Every question of the set, in order, for branching. */
  questions: DraftQuestion[];
  vocab: Vocabulary;
  families: string[];
  open: boolean;
  /** The mistakes shown at a placed path (`questions[2].prompt`), if any. */
  error: (place: string) => ReactNode | undefined;
  /** How many mistakes the question has, shown on the closed card. */
  mistakes: number;
  onToggle: () => void;
  onChange: (change: (q: DraftQuestion) => DraftQuestion) => void;
  onType: (type: AnswerType) => void;
  onVocabulary: (kind: VocabularyKind | null) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onRemoveChoice: (choiceUid: string) => void;
}

/** The values an attribute takes: vocabulary words, colour families or its fixed values; archived words only when chosen. */
export function attributeOptions(attribute: MatchAttribute, vocab: Vocabulary, families: string[], chosen: string[]): Option[] {
  const kind = ATTRIBUTE_KIND[attribute];
  if (kind) {
    const options: Option[] = vocab.active(kind).map((t) => ({ value: t.key, label: t.label }));
    for (const key of chosen)
      if (!options.some((o) => o.value === key)) {
        const term = vocab.find(kind, key);
        options.push({ value: key, label: term ? `${term.label} (archived)` : `${key} (unknown)` });
      }
    return options;
  }
  if (attribute === 'colourFamilies') return [...new Set([...families, ...chosen])].map((f) => ({ value: f, label: capital(f) }));
  return FIXED_VALUES[attribute] ?? [];
}

/** The answers another question can give, for "ask only if … is one of". */
function answersOf(target: DraftQuestion | undefined, vocab: Vocabulary, chosen: string[]): Option[] {
  if (!target) return [];
  if (target.type === 'single' || target.type === 'multiple')
    return target.choices.map((c, j) => ({ value: c.uid, label: c.label.trim() || c.value || `Choice ${j + 1}` }));
  if (target.type === 'vocabulary' && target.vocabulary) {
    const kind = target.vocabulary;
    const options: Option[] = vocab.active(kind).map((t) => ({ value: t.key, label: t.label }));
    for (const key of chosen) if (!options.some((o) => o.value === key)) options.push({ value: key, label: vocab.label(kind, key) });
    return options;
  }
  return [];
}

const promptOf = (q: DraftQuestion) => q.prompt.trim() || 'New question';

/** The start of a question card's DOM ids (its body, arrows and sections). */
export const questionCardId = (uid: string) => `question-${uid.slice(1)}`;

/** One question: closed, its prompt and answer type; open, everything about it. */
export function QuestionCard(props: CardProps) {
  const { question: q, index: i } = props;
  const at = `questions[${i}]`;
  const number = i + 1;
  const target = q.askIf ? props.questions.find((o) => o.uid === q.askIf?.question) : undefined;
  const summary = [
    q.type === 'vocabulary' && q.vocabulary
      ? `${ANSWER_TYPE_LABEL.vocabulary}: ${KIND_LABEL[q.vocabulary].many.toLowerCase()}`
      : ANSWER_TYPE_LABEL[q.type],
    q.askIf ? `only if “${target ? promptOf(target) : q.askIf.question}”` : null,
  ].filter(Boolean);
  return (
    <EditorCard
      cardId={questionCardId(q.uid)}
      ordinal={`Question ${number}`}
      title={q.prompt.trim()}
      untitled="New question"
      summary={capital(summary.join(' · '))}
      mistakes={props.mistakes}
      index={i}
      count={props.questions.length}
      moveLabel={(direction) => `Move question ${number} ${direction}`}
      open={props.open}
      onToggle={props.onToggle}
      onMove={props.onMove}
    >
      <QuestionFields {...props} at={at} number={number} target={target} />
    </EditorCard>
  );
}

function QuestionFields(props: CardProps & { at: string; number: number; target: DraftQuestion | undefined }) {
  const { question: q, at, number, vocab, error } = props;
  const set = (change: Partial<DraftQuestion>) => props.onChange((old) => ({ ...old, ...change }));
  const others = props.questions.filter((o) => o.uid !== q.uid).map((o) => o.key);
  return (
    <Stack gap="md">
      <PlaceError id={fieldId(at)}>{error(at)}</PlaceError>
      <TextInput
        id={fieldId(`${at}.prompt`)}
        label="What the associate asks"
        value={q.prompt}
        onChange={(e) => {
          const prompt = e.currentTarget.value;
          props.onChange((old) => ({ ...old, prompt, ...(old.keyTouched ? {} : { key: suggestKey(prompt, others) || old.key }) }));
        }}
        error={error(`${at}.prompt`)}
        required
        maxLength={300}
      />
      <Textarea
        id={fieldId(`${at}.help`)}
        label="Why it matters"
        description="Shown to associates beside the question, so they know why they ask it"
        value={q.help}
        onChange={(e) => set({ help: e.currentTarget.value })}
        error={error(`${at}.help`)}
        autosize
        minRows={2}
        size="md"
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <NativeSelect
          id={fieldId(`${at}.type`)}
          label="Answer"
          description="How the customer answers"
          size="md"
          value={q.type}
          onChange={(e) => props.onType(e.currentTarget.value as AnswerType)}
          data={ANSWER_TYPES.map((t) => ({ value: t, label: ANSWER_TYPE_LABEL[t] }))}
          error={error(`${at}.type`)}
        />
        {q.type === 'vocabulary' && (
          <NativeSelect
            id={fieldId(`${at}.vocabulary`)}
            label="Words from"
            description="Which words are offered"
            size="md"
            value={q.vocabulary ?? ''}
            onChange={(e) => props.onVocabulary((e.currentTarget.value || null) as VocabularyKind | null)}
            data={[
              { value: '', label: 'Choose which words…' },
              ...VOCABULARY_KINDS.map((k) => ({ value: k, label: `${KIND_LABEL[k].many} (${vocab.active(k).length})` })),
            ]}
            error={error(`${at}.vocabulary`)}
          />
        )}
        <TextInput
          id={fieldId(`${at}.key`)}
          label="Key"
          description="Branching and saved answers refer to it"
          value={q.key}
          onChange={(e) => set({ key: e.currentTarget.value.toLowerCase(), keyTouched: true })}
          error={error(`${at}.key`)}
          required
          maxLength={63}
          styles={mono}
          autoCapitalize="none"
          spellCheck={false}
        />
      </SimpleGrid>
      {(q.type === 'single' || q.type === 'multiple') && <Choices {...props} />}
      {takesMaps(q.type) && <Mappings {...props} />}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <NativeSelect
          id={fieldId(`${at}.fills`)}
          label="Preference it fills"
          description="Kept on the customer’s profile, with their agreement"
          size="md"
          value={q.fills ?? ''}
          onChange={(e) => set({ fills: (e.currentTarget.value || null) as DraftQuestion['fills'] })}
          data={[{ value: '', label: 'None' }, ...PREFERENCE_KEYS.map((k) => ({ value: k, label: PREFERENCE_LABEL[k]?.one ?? k }))]}
          error={error(`${at}.fills`)}
        />
        <TextInput
          id={fieldId(`${at}.context`)}
          label="Words in reasons"
          description={`Reasons then say “Sage, like ${q.context.trim() || 'your living room'}”`}
          placeholder="your living room"
          value={q.context}
          onChange={(e) => set({ context: e.currentTarget.value })}
          error={error(`${at}.context`)}
          maxLength={120}
        />
      </SimpleGrid>
      <Branching {...props} />
      <Group justify="flex-end">
        <Button variant="default" color="red" c="red.9" onClick={props.onRemove}>
          Remove question {number}
        </Button>
      </Group>
    </Stack>
  );
}

function SubHeading({ id, children }: { id: string; children: string }) {
  return (
    <Title order={3} size="h5" id={id}>
      {children}
    </Title>
  );
}

function Choices(props: CardProps & { at: string; number: number }) {
  const { question: q, at, error } = props;
  const headingId = `${questionCardId(q.uid)}-choices`;
  const mapped = q.maps.map((m) => m.attribute);
  const setChoice = (uid: string, change: (c: DraftChoice) => DraftChoice) =>
    props.onChange((old) => ({ ...old, choices: old.choices.map((c) => (c.uid === uid ? change(c) : c)) }));
  const choicesError = error(`${at}.choices`);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} id={fieldId(`${at}.choices`)} tabIndex={-1}>
      <SubHeading id={headingId}>Choices</SubHeading>
      {choicesError && (
        <Text c="var(--mantine-color-error)" size="sm">
          {choicesError}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {mapped.length === 0
          ? 'Choices steer recommendations once the answer is about an attribute (below); each choice then says what it means for products.'
          : 'Each choice says what it means for the attributes below.'}{' '}
        A choice marked pet-safe only leaves out anything not known to be safe for cats and dogs.
      </Text>
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {q.choices.map((c, j) => {
          const cat = `${at}.choices[${j}]`;
          const attributes = [...new Set([...mapped, ...(Object.keys(c.means) as MatchAttribute[])])].filter((a) =>
            (MATCH_ATTRIBUTES as readonly string[]).includes(a),
          );
          const name = c.label.trim() || `choice ${j + 1}`;
          return (
            <Box
              key={c.uid}
              component="li"
              p="sm"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
            >
              <Stack gap="sm">
                <Group gap="sm" align="flex-start" wrap="wrap">
                  <TextInput
                    id={fieldId(`${cat}.label`)}
                    label={`Choice ${j + 1}`}
                    value={c.label}
                    onChange={(e) => {
                      const label = e.currentTarget.value;
                      const taken = q.choices.filter((o) => o.uid !== c.uid).map((o) => o.value);
                      setChoice(c.uid, (old) => ({ ...old, label, ...(old.valueTouched ? {} : { value: suggestKey(label, taken) }) }));
                    }}
                    error={error(`${cat}.label`)}
                    required
                    maxLength={120}
                    style={{ flex: '2 1 12rem' }}
                  />
                  <TextInput
                    id={fieldId(`${cat}.value`)}
                    label="Value"
                    value={c.value}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setChoice(c.uid, (old) => ({ ...old, value, valueTouched: true }));
                    }}
                    error={error(`${cat}.value`)}
                    required
                    maxLength={63}
                    styles={mono}
                    autoCapitalize="none"
                    spellCheck={false}
                    style={{ flex: '1 1 8rem' }}
                  />
                  <ActionIcon
                    variant="default"
                    aria-label={`Remove ${name}`}
                    onClick={() => props.onRemoveChoice(c.uid)}
                    mt={{ base: 0, xs: 30 }}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    <span aria-hidden="true">✕</span>
                  </ActionIcon>
                </Group>
                {attributes.map((a) => (
                  <PickMany
                    key={a}
                    id={fieldId(`${cat}.means.${a}`)}
                    label={`${capital(name)} means: ${ATTRIBUTE_LABEL[a].toLowerCase()}`}
                    description={
                      mapped.includes(a)
                        ? undefined
                        : `Not used: the answer is not about ${ATTRIBUTE_LABEL[a].toLowerCase()}. Add it below, or clear these.`
                    }
                    options={attributeOptions(a, props.vocab, props.families, c.means[a] ?? [])}
                    value={c.means[a] ?? []}
                    onChange={(values) => setChoice(c.uid, (old) => ({ ...old, means: { ...old.means, [a]: values } }))}
                    error={error(`${cat}.means.${a}`)}
                  />
                ))}
                <Switch
                  id={fieldId(`${cat}.rule`)}
                  label="Pet-safe only"
                  checked={c.petSafe}
                  onChange={(e) => {
                    const petSafe = e.currentTarget.checked;
                    setChoice(c.uid, (old) => ({ ...old, petSafe }));
                  }}
                  error={error(`${cat}.rule`)}
                  size="md"
                />
              </Stack>
            </Box>
          );
        })}
      </Stack>
      <Button
        variant="light"
        w="fit-content"
        onClick={() => props.onChange((old) => ({ ...old, choices: [...old.choices, blankChoice()] }))}
      >
        Add a choice
      </Button>
    </Stack>
  );
}

function Mappings(props: CardProps & { at: string; number: number }) {
  const { question: q, at, error } = props;
  const headingId = `${questionCardId(q.uid)}-maps`;
  const setMapping = (uid: string, change: Partial<DraftMapping>) =>
    props.onChange((old) => ({ ...old, maps: old.maps.map((m) => (m.uid === uid ? { ...m, ...change } : m)) }));
  const mapsError = error(`${at}.maps`);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} id={fieldId(`${at}.maps`)} tabIndex={-1}>
      <SubHeading id={headingId}>What the answer is about</SubHeading>
      <Text size="sm" c="dimmed">
        {q.type === 'vocabulary'
          ? 'The product attributes the chosen words are looked for in, and how much a match counts.'
          : 'The product attributes the choices speak of, and how much a match counts.'}{' '}
        The sets use weights of 1 to 3; up to 100 is allowed.
      </Text>
      {mapsError && (
        <Text c="var(--mantine-color-error)" size="sm">
          {mapsError}
        </Text>
      )}
      {q.maps.length > 0 && (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {q.maps.map((m, j) => {
            const mat = `${at}.maps[${j}]`;
            return (
              <Group
                key={m.uid}
                component="li"
                gap="xs"
                align="flex-start"
                wrap="wrap"
                p="sm"
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
              >
                <NativeSelect
                  id={fieldId(`${mat}.attribute`)}
                  label={`Attribute ${j + 1}`}
                  size="md"
                  value={m.attribute}
                  onChange={(e) => setMapping(m.uid, { attribute: e.currentTarget.value as MatchAttribute })}
                  data={MATCH_ATTRIBUTES.map((a) => ({ value: a, label: ATTRIBUTE_LABEL[a] }))}
                  error={error(`${mat}.attribute`)}
                  style={{ flex: '1 1 9rem' }}
                />
                <NumberInput
                  id={fieldId(`${mat}.weight`)}
                  label="Weight"
                  value={m.weight}
                  onChange={(v) => setMapping(m.uid, { weight: typeof v === 'number' ? v : v.trim() === '' ? '' : Number(v) })}
                  error={error(`${mat}.weight`)}
                  min={0}
                  max={100}
                  clampBehavior="none"
                  allowNegative={false}
                  decimalScale={2}
                  inputMode="decimal"
                  hideControls
                  style={{ flex: '0 0 5rem' }}
                />
                <NativeSelect
                  id={fieldId(`${mat}.polarity`)}
                  label="A match is"
                  size="md"
                  value={m.polarity}
                  onChange={(e) => setMapping(m.uid, { polarity: e.currentTarget.value as WishPolarity })}
                  data={[
                    { value: 'want', label: 'Wanted' },
                    { value: 'avoid', label: 'To avoid' },
                    { value: 'complement', label: 'To go with' },
                  ]}
                  error={error(`${mat}.polarity`)}
                  style={{ flex: '0 0 7.5rem' }}
                />
                <ActionIcon
                  variant="default"
                  aria-label={`Remove attribute ${j + 1}: ${ATTRIBUTE_LABEL[m.attribute].toLowerCase()}`}
                  onClick={() => props.onChange((old) => ({ ...old, maps: old.maps.filter((o) => o.uid !== m.uid) }))}
                  mt={30}
                >
                  <span aria-hidden="true">✕</span>
                </ActionIcon>
              </Group>
            );
          })}
        </Stack>
      )}
      <Button
        variant="light"
        w="fit-content"
        onClick={() => props.onChange((old) => ({ ...old, maps: [...old.maps, blankMapping(old)] }))}
        disabled={q.maps.length >= 10}
      >
        Add an attribute
      </Button>
    </Stack>
  );
}

function Branching(props: CardProps & { at: string; number: number; target: DraftQuestion | undefined }) {
  const { question: q, at, error, target } = props;
  const headingId = `${questionCardId(q.uid)}-branching`;
  const position = props.index;
  const label = (o: DraftQuestion) => `${props.questions.indexOf(o) + 1}. ${promptOf(o)}`;
  const candidates = props.questions.filter((o) => o.uid !== q.uid && (CHOOSING_TYPES.includes(o.type) || o.uid === q.askIf?.question));
  const before = candidates.filter((o) => props.questions.indexOf(o) < position);
  const after = candidates.filter((o) => props.questions.indexOf(o) > position);
  const unknown = q.askIf && !target ? [{ value: q.askIf.question, label: `“${q.askIf.question}” (no such question)` }] : [];
  const answers = answersOf(target, props.vocab, q.askIf?.anyOf ?? []);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <SubHeading id={headingId}>When to ask it</SubHeading>
      <NativeSelect
        id={fieldId(`${at}.askIf.question`)}
        label="Ask this question"
        size="md"
        value={q.askIf?.question ?? ''}
        onChange={(e) => {
          const chosen = e.currentTarget.value;
          props.onChange((old) => ({ ...old, askIf: chosen ? { question: chosen, anyOf: [] } : null }));
        }}
        data={[
          { value: '', label: 'Always' },
          ...unknown,
          ...(before.length
            ? [{ group: 'Only if an earlier answer is…', items: before.map((o) => ({ value: o.uid, label: `Only if ${label(o)}` })) }]
            : []),
          ...(after.length
            ? [
                {
                  group: 'Asked later (move this question below it first)',
                  items: after.map((o) => ({ value: o.uid, label: `Only if ${label(o)}` })),
                },
              ]
            : []),
        ]}
        error={error(`${at}.askIf.question`)}
      />
      {q.askIf && target && (
        <PickMany
          id={fieldId(`${at}.askIf.anyOf`)}
          label={`…is one of`}
          description={`Asked only when the answer to “${promptOf(target)}” is one of these`}
          options={answers}
          value={q.askIf.anyOf}
          onChange={(anyOf) => props.onChange((old) => (old.askIf ? { ...old, askIf: { ...old.askIf, anyOf } } : old))}
          error={error(`${at}.askIf.anyOf`)}
        />
      )}
    </Stack>
  );
}
