import { Badge, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, fieldError, newClientId } from '../../api.ts';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { can, useSignedIn } from '../auth/me-context.ts';
import { addNote, editNote, type Note, type SensitiveFinding, type TimelineItem, timelineKey, useTimeline } from './customers.api.ts';
import { dateTime, money } from './format.ts';
import { Section } from './Section.tsx';
import { WarningAlert } from './WarningAlert.tsx';

const FINDING: Record<SensitiveFinding['kind'], string> = {
  'card-number': 'a payment card number',
  'national-id': 'a national ID number',
  health: 'health information',
};

/** Notes, purchases and changes, newest first, with the composer on top. */
export function TimelineSection({ customerId }: { customerId: string }) {
  const me = useSignedIn();
  const timeline = useTimeline(customerId);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section id="timeline-heading" title="Notes and history">
      {can(me, 'customers.edit') && <NoteComposer customerId={customerId} />}
      {timeline.isPending ? (
        <LoadingState label="Loading notes…" />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No notes yet" description="What you learn in a conversation, written here, helps the next colleague." />
      ) : (
        <Stack gap="md" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notes, purchases and changes, newest first">
          {items.map((item) => (
            <li key={`${item.type}-${item.id}`}>
              {item.type === 'note' && item.note ? (
                <NoteItem customerId={customerId} note={item.note} />
              ) : item.type === 'purchase' && item.sale ? (
                <PurchaseItem item={item} sale={item.sale} />
              ) : (
                <ChangeItem item={item} />
              )}
            </li>
          ))}
        </Stack>
      )}
      {timeline.hasNextPage && (
        <Button variant="default" onClick={() => timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} w="fit-content">
          Load more
        </Button>
      )}
      {timeline.isFetchNextPageError && <FormError error={timeline.error} />}
    </Section>
  );
}

function sensitiveFindings(err: unknown): SensitiveFinding[] | null {
  if (!(err instanceof ApiError) || err.code !== 'sensitive_content') return null;
  const findings = err.details.findings;
  return Array.isArray(findings) ? (findings as SensitiveFinding[]) : [];
}

function NoteComposer({ customerId }: { customerId: string }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  // One id per draft: a retry after a lost answer is recognised and never saved twice.
  const [clientId, setClientId] = useState(newClientId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const save = useMutation({
    mutationFn: (acknowledgeSensitive: boolean) =>
      addNote(customerId, { clientId, body: body.trim(), ...(acknowledgeSensitive ? { acknowledgeSensitive: true } : {}) }),
    onSuccess: () => {
      setBody('');
      setClientId(newClientId());
      void queryClient.invalidateQueries({ queryKey: timelineKey(customerId) });
    },
  });
  const findings = sensitiveFindings(save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setProblem('Write the note first.');
      return;
    }
    setProblem(undefined);
    save.mutate(false);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add a note">
      <Stack gap="sm">
        <Textarea
          ref={textarea}
          label="New note"
          description="What they told you, what they are looking for, what to follow up"
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            if (save.isSuccess || findings) save.reset();
          }}
          error={problem ?? (findings ? undefined : fieldError(save.error, 'body'))}
          size="md"
        />
        {findings ? (
          <WarningAlert title="This note may hold sensitive information">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{save.error instanceof Error ? save.error.message : ''}</Text>
              {findings.length > 0 && (
                <List size="sm" spacing={2}>
                  {findings.map((f) => (
                    <List.Item key={`${f.kind}-${f.excerpt}`}>
                      Looks like {FINDING[f.kind] ?? f.kind}: “{f.excerpt}”
                    </List.Item>
                  ))}
                </List>
              )}
              <Group gap="sm">
                <Button
                  onClick={() => {
                    save.reset();
                    textarea.current?.focus();
                  }}
                >
                  Edit the note
                </Button>
                <Button variant="default" onClick={() => save.mutate(true)} loading={save.isPending}>
                  Save anyway
                </Button>
              </Group>
            </Stack>
          </WarningAlert>
        ) : (
          <>
            {save.isError && !fieldError(save.error, 'body') && <FormError error={save.error} />}
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="moss.8" role="status">
                {save.isSuccess ? 'Note saved.' : ''}
              </Text>
              <Button type="submit" loading={save.isPending}>
                Save note
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}

function NoteItem({ customerId, note }: { customerId: string; note: Note }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) field.current?.focus();
  }, [editing]);
  const [body, setBody] = useState(note.body);
  const save = useMutation({
    mutationFn: () => editNote(customerId, note.id, body.trim()),
    onSuccess: () => {
      setEditing(false);
      void queryClient.invalidateQueries({ queryKey: timelineKey(customerId) });
    },
  });
  const when = dateTime(note.createdAt, me.retailer.locale);
  return (
    <Stack
      gap={4}
      p="sm"
      style={{
        borderLeft: '3px solid var(--mantine-color-moss-5)',
        background: 'var(--mantine-color-gray-0)',
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {note.author?.name ?? 'A former colleague'}{' '}
          <Text span size="sm" c="dimmed" fw={400}>
            · {when}
            {note.editedAt ? ' · edited' : ''}
          </Text>
        </Text>
        {note.sensitive && (
          <Badge color="gray.8" variant="outline" size="md">
            Saved despite a warning
          </Badge>
        )}
      </Group>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) save.mutate();
          }}
        >
          <Stack gap="sm">
            <Textarea
              label="Note"
              autosize
              minRows={2}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              size="md"
              ref={field}
            />
            <FormError error={save.error} />
            <Group gap="sm" justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  setBody(note.body);
                  setEditing(false);
                  save.reset();
                }}
              >
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.body}</Text>
      )}
      {note.canEdit && !editing && (
        <Button
          variant="subtle"
          size="sm"
          px="xs"
          w="fit-content"
          onClick={() => setEditing(true)}
          aria-label={`Edit your note of ${when}`}
        >
          Edit
        </Button>
      )}
    </Stack>
  );
}

/** "Bought 12 × Ranunculus — White, 5 × Eucalyptus · £54.00 at Riverside". */
function PurchaseItem({ item, sale }: { item: TimelineItem; sale: NonNullable<TimelineItem['sale']> }) {
  const me = useSignedIn();
  const shown = sale.lines.slice(0, 4).map((l) => `${Math.abs(l.quantity)} × ${l.description}`);
  const more = sale.lines.length - shown.length;
  return (
    <Stack gap={2} px="sm" py={4} style={{ borderLeft: '3px solid var(--mantine-color-teal-6)' }}>
      <Text size="sm" fw={600}>
        {sale.kind === 'return' ? 'Returned' : 'Bought'} {shown.join(', ')}
        {more > 0 ? ` and ${more} more` : ''}
      </Text>
      <Text size="sm" c="dimmed">
        {money(sale.total, me)} at {sale.store}
        {item.actor ? ` with ${item.actor.name}` : ''}, {dateTime(item.at, me.retailer.locale)}
      </Text>
    </Stack>
  );
}

function ChangeItem({ item }: { item: TimelineItem }) {
  const me = useSignedIn();
  return (
    <Text size="sm" c="dimmed" px="sm">
      {item.summary ?? item.action}
      {' — '}
      {item.actor?.name ?? 'Ones'}, {dateTime(item.at, me.retailer.locale)}
    </Text>
  );
}
