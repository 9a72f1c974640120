import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ATTRIBUTE_VALUE_TYPES, type AttributeKey, type AttributeValueType } from '../../../shared/catalog.ts';
import { VOCABULARY_KINDS, type VocabularyKind } from '../../../shared/customers.ts';
import { fieldError } from '../../api.ts';
import { NameAndKeyFields, useNameAndKey } from '../../ui/NameAndKey.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { LinkButton } from '../customers/LinkButton.tsx';
import { KEY_PATTERN, KIND_LABEL } from '../vocabulary/vocabulary.api.ts';
import { ATTRIBUTES_KEY, createAttributeKey, updateAttributeKey, useAttributeKeys } from './catalog.api.ts';

/** What each kind of value is called on screen. */
const VALUE_TYPE_LABEL: Record<AttributeValueType, string> = {
  text: 'Words',
  number: 'A number',
  boolean: 'Yes or no',
  vocabulary: 'A list from the vocabulary',
};

const valueWords = (a: AttributeKey) =>
  a.valueType === 'vocabulary' && a.vocabularyKind
    ? `A list of ${KIND_LABEL[a.vocabularyKind].many.toLowerCase()}`
    : VALUE_TYPE_LABEL[a.valueType];

/**
 * `/catalog/attributes` (owners): the facts the shop records about its products beyond the
 * built-in ones (vase life, grower, ribbon colours), each with the kind of value it takes.
 */
export function AttributesPage() {
  const attributes = useAttributeKeys();
  const [editing, setEditing] = useState<AttributeKey | 'new' | null>(null);
  const items = attributes.data ?? [];
  return (
    <Page
      title="Product attributes"
      actions={
        <LinkButton to="/catalog" variant="default">
          Back to the catalog
        </LinkButton>
      }
    >
      <Text c="dimmed" mt={-12}>
        Facts your shop records about its products besides colours, rooms, season and the others Ones knows. Products accept only the
        attributes listed here, with the kind of value each takes.
      </Text>
      {attributes.isPending ? (
        <LoadingState label="Loading the attributes…" />
      ) : attributes.isError ? (
        <ErrorState error={attributes.error} onRetry={() => attributes.refetch()} />
      ) : (
        <Stack gap="md">
          <Group justify="space-between" gap="sm">
            <Title order={2} size="h3">
              Your attributes
            </Title>
            <Button onClick={() => setEditing('new')}>Add an attribute</Button>
          </Group>
          {items.length === 0 ? (
            <Empty title="No attributes of your own yet" description="Add one for a fact your team wants to find products by." />
          ) : (
            <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Your attributes">
              {items.map((a) => (
                <Group
                  key={a.key}
                  component="li"
                  justify="space-between"
                  wrap="wrap"
                  gap="sm"
                  py="sm"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
                >
                  <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
                    <Group gap="sm" wrap="wrap">
                      <Text fw={600}>{a.label}</Text>
                      <Badge variant="outline" color="gray.7" size="md">
                        {valueWords(a)}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      Key {a.key}
                      {a.help ? ` · ${a.help}` : ''}
                    </Text>
                  </Stack>
                  <Button variant="default" onClick={() => setEditing(a)} aria-label={`Change ${a.label}`}>
                    Change
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      )}
      {editing && <AttributeForm attribute={editing === 'new' ? null : editing} all={items} onClose={() => setEditing(null)} />}
    </Page>
  );
}

/** Add an attribute or change one; the key is fixed once saved, since products refer to it. */
function AttributeForm({ attribute, all, onClose }: { attribute: AttributeKey | null; all: AttributeKey[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const names = useNameAndKey(attribute);
  const { label, key } = names;
  const [valueType, setValueType] = useState<AttributeValueType>(attribute?.valueType ?? 'text');
  const [vocabularyKind, setVocabularyKind] = useState<VocabularyKind | null>(attribute?.vocabularyKind ?? null);
  const [help, setHelp] = useState(attribute?.help ?? '');
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});

  const save = useMutation({
    mutationFn: () => {
      const body = {
        label: label.trim(),
        valueType,
        vocabularyKind: valueType === 'vocabulary' ? vocabularyKind : null,
        help: help.trim(),
      };
      return attribute ? updateAttributeKey(attribute.key, body) : createAttributeKey({ key, ...body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ATTRIBUTES_KEY });
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const taken = !attribute && all.find((a) => a.key === key);
    const next = {
      label: label.trim() ? undefined : 'Give the attribute a name, e.g. Vase life.',
      key: !key
        ? 'Give it a key.'
        : !KEY_PATTERN.test(key) || key.length > 63
          ? 'Use lower-case letters and digits, with single hyphens between words, e.g. vase-life.'
          : taken
            ? `The key ${key} is already used by “${taken.label}”.`
            : undefined,
      vocabularyKind: valueType === 'vocabulary' && !vocabularyKind ? 'Choose which words the list is made of.' : undefined,
    };
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    save.mutate();
  }

  const f = (field: string) => problems[field] ?? fieldError(save.error, field);
  return (
    <Modal opened onClose={onClose} title={attribute ? `Change ${attribute.label}` : 'Add an attribute'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <NameAndKeyFields
            value={names}
            nameDescription="As your team says it"
            usedBy="products"
            errors={{ label: f('label'), key: f('key') }}
          />
          <Select
            label="Kind of value"
            description={attribute ? 'Can change only while no product has a value for it.' : undefined}
            data={ATTRIBUTE_VALUE_TYPES.map((t) => ({ value: t, label: VALUE_TYPE_LABEL[t] }))}
            value={valueType}
            onChange={(v) => v && setValueType(v as AttributeValueType)}
            error={f('valueType')}
          />
          {valueType === 'vocabulary' && (
            <Select
              label="Words from"
              description="The part of your vocabulary the list takes its words from"
              placeholder="Choose one"
              data={VOCABULARY_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k].many }))}
              value={vocabularyKind}
              onChange={(v) => setVocabularyKind(v as VocabularyKind | null)}
              error={f('vocabularyKind')}
              required
            />
          )}
          <Textarea
            label="Help"
            description="Shown to whoever fills it in"
            value={help}
            onChange={(e) => setHelp(e.currentTarget.value)}
            error={f('help')}
            maxLength={300}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {attribute ? 'Save changes' : 'Add attribute'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
