import { Autocomplete, Badge, Box, Button, ColorInput, Group, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { VOCABULARY_KINDS, type VocabularyKind } from '../../../shared/customers.ts';
import { fieldError } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { NameAndKeyFields, useNameAndKey } from '../../ui/NameAndKey.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { Swatch } from './ColourChips.tsx';
import { HarmonyCard } from './HarmonyCard.tsx';
import { KEY_PATTERN, KIND_LABEL, putTerm, type Term, toKey, useVocabulary, VOCABULARY_KEY } from './vocabulary.api.ts';

/** `/vocabulary` (owners): the words the shop sells with; preferences and products refer to their keys. */
export function VocabularyPage() {
  const vocabulary = useVocabulary();
  const [kind, setKind] = useState<VocabularyKind>('colour');
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Term | null>(null);
  const terms = vocabulary.data ?? [];
  return (
    <Page title="Vocabulary">
      <Text c="dimmed" mt={-12}>
        The words your team chooses from when they note what a customer likes. Archived words stay readable on old notes but are no longer
        offered.
      </Text>
      {vocabulary.isPending ? (
        <LoadingState label="Loading the vocabulary…" />
      ) : vocabulary.isError ? (
        <ErrorState error={vocabulary.error} onRetry={() => vocabulary.refetch()} />
      ) : (
        <Tabs
          value={kind}
          onChange={(v) => v && setKind(v as VocabularyKind)}
          styles={{ tab: { minHeight: '2.75rem' }, list: { flexWrap: 'wrap' } }}
        >
          <Tabs.List aria-label="Kinds of words">
            {VOCABULARY_KINDS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {KIND_LABEL[k].many} ({terms.filter((t) => t.kind === k && !t.archived).length})
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {VOCABULARY_KINDS.map((k) => (
            <Tabs.Panel key={k} value={k} pt="lg">
              <KindPanel kind={k} terms={terms.filter((t) => t.kind === k)} onEdit={setEditing} onArchive={setArchiving} />
              {k === 'colour' && (
                <Box mt="xl">
                  <HarmonyCard terms={terms} />
                </Box>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
      {editing && <TermForm kind={kind} term={editing === 'new' ? null : editing} terms={terms} onClose={() => setEditing(null)} />}
      {archiving && <ArchiveDialog term={archiving} onClose={() => setArchiving(null)} />}
    </Page>
  );
}

function KindPanel(props: { kind: VocabularyKind; terms: Term[]; onEdit: (t: Term | 'new') => void; onArchive: (t: Term) => void }) {
  const one = KIND_LABEL[props.kind].one;
  const sorted = [...props.terms].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
  const active = sorted.filter((t) => !t.archived);
  const archived = sorted.filter((t) => t.archived);
  const add = <Button onClick={() => props.onEdit('new')}>Add a {one}</Button>;
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={2} size="h3">
          {KIND_LABEL[props.kind].many}
        </Title>
        {add}
      </Group>
      {active.length === 0 ? (
        <Empty title={`No ${KIND_LABEL[props.kind].many.toLowerCase()} yet`} description={`Add the ${one}s your customers talk about.`} />
      ) : (
        <TermList terms={active} onEdit={props.onEdit} onArchive={props.onArchive} />
      )}
      {archived.length > 0 && (
        <>
          <Title order={3} size="h4" mt="md">
            Archived
          </Title>
          <TermList terms={archived} onEdit={props.onEdit} onArchive={props.onArchive} />
        </>
      )}
    </Stack>
  );
}

function TermList({ terms, onEdit, onArchive }: { terms: Term[]; onEdit: (t: Term) => void; onArchive: (t: Term) => void }) {
  return (
    <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {terms.map((t) => (
        <Group
          key={t.key}
          component="li"
          justify="space-between"
          wrap="wrap"
          gap="sm"
          py="sm"
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 12rem' }}>
            {t.kind === 'colour' && <Swatch hex={t.hex} size={32} />}
            <Stack gap={0} miw={0}>
              <Text fw={600} td={t.archived ? 'line-through' : undefined}>
                {t.label}
              </Text>
              <Text size="sm" c="dimmed">
                Key {t.key}
                {t.family ? ` · ${t.family} family` : ''}
              </Text>
            </Stack>
            {t.archived && (
              <Badge variant="outline" color="gray.7" size="md">
                Archived
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={() => onEdit(t)} aria-label={`Rename or change ${t.label}`}>
              Change
            </Button>
            <Button variant="default" onClick={() => onArchive(t)} aria-label={`${t.archived ? 'Restore' : 'Archive'} ${t.label}`}>
              {t.archived ? 'Restore' : 'Archive'}
            </Button>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Add a term or change one; the key is fixed once saved, since profiles refer to it. */
function TermForm({ kind, term, terms, onClose }: { kind: VocabularyKind; term: Term | null; terms: Term[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const one = KIND_LABEL[kind].one;
  const names = useNameAndKey(term);
  const { label, key } = names;
  const [family, setFamily] = useState(term?.family ?? '');
  const [hex, setHex] = useState(term?.hex ?? '');
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});
  const families = [...new Set(terms.filter((t) => t.kind === 'colour' && t.family).map((t) => t.family as string))].sort();
  const sameKind = terms.filter((t) => t.kind === kind);

  const save = useMutation({
    mutationFn: () =>
      putTerm(kind, key, {
        label: label.trim(),
        ...(kind === 'colour' ? { family: family.trim() ? toKey(family) : null, hex: hex ? hex.toLowerCase() : null } : {}),
        position: term?.position ?? Math.max(-1, ...sameKind.map((t) => t.position)) + 1,
        archived: term?.archived ?? false,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: VOCABULARY_KEY });
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const taken = !term && sameKind.find((t) => t.key === key);
    const next = {
      label: label.trim() ? undefined : `Give the ${one} a name, e.g. ${kind === 'colour' ? 'Sage' : 'Classic'}.`,
      key: !key
        ? 'Give it a key.'
        : !KEY_PATTERN.test(key) || key.length > 63
          ? 'Use lower-case letters and digits, with single hyphens between words, e.g. dusty-rose.'
          : taken
            ? `The key ${key} is already used by “${taken.label}”${taken.archived ? ' (archived: restore it instead)' : ''}.`
            : undefined,
      family: kind === 'colour' && family.trim() && !KEY_PATTERN.test(toKey(family)) ? 'Use a word such as green or pink.' : undefined,
      hex: kind === 'colour' && hex && !HEX.test(hex) ? 'Use a colour like #9caf88.' : undefined,
    };
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    save.mutate();
  }

  const f = (field: string) => problems[field] ?? fieldError(save.error, field);
  return (
    <Modal opened onClose={onClose} title={term ? `Change ${term.label}` : `Add a ${one}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <NameAndKeyFields
            value={names}
            nameDescription="As your team and customers say it"
            usedBy="profiles and products"
            errors={{ label: f('label'), key: f('key') }}
          />
          {kind === 'colour' && (
            <>
              <Autocomplete
                label="Family"
                description="Groups shades together, e.g. green for sage and olive"
                size="md"
                data={families}
                value={family}
                onChange={setFamily}
                error={f('family')}
              />
              <ColorInput
                label="Swatch colour"
                description="Shown beside the name; the name is always shown too"
                size="md"
                format="hex"
                withEyeDropper={false}
                value={hex}
                onChange={setHex}
                error={f('hex')}
                leftSection={<Swatch hex={HEX.test(hex) ? hex : null} size={22} />}
              />
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {term ? 'Save changes' : `Add ${one}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ArchiveDialog({ term, onClose }: { term: Term; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      putTerm(term.kind, term.key, {
        label: term.label,
        family: term.family,
        hex: term.hex,
        position: term.position,
        archived: !term.archived,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: VOCABULARY_KEY });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={term.archived ? `Restore ${term.label}?` : `Archive ${term.label}?`}
      confirmLabel={term.archived ? 'Restore' : 'Archive'}
      pending={toggle.isPending}
      error={toggle.error}
      onConfirm={() => toggle.mutate()}
      onClose={onClose}
    >
      {term.archived
        ? `${term.label} will be offered again when your team records preferences.`
        : `${term.label} will no longer be offered. Preferences that already name it keep showing it.`}
    </ConfirmModal>
  );
}
