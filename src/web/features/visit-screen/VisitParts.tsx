import { Alert, Box, Button, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { GESTURE_KINDS, type GestureKind, NO_SALE_REASONS, type NoSaleReason } from '../../../shared/domain/visits.ts';
import { ApiError, errorMessage, fieldError } from '../../api.ts';
import type { Me } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';
import { currencySymbol, money } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import { sessionKey, startGuidance } from '../guidance/guidance.api.ts';
import { useQuestionSets } from '../guidance/question-sets/question-sets.api.ts';
import { basketLines } from '../visits/visit/format.ts';
import type { Visit } from '../visits/visits.api.ts';
import { duration, GESTURE_LABEL, NO_SALE_LABEL, timeOfDay } from '../visits/words.ts';
import type { ShownGesture, ShownNote } from './pending.ts';
import { PendingMark } from './RoadmapPanel.tsx';
import { type CloseBody, closeVisit, screenKey, type VisitScreenData } from './screen.api.ts';
import { newClientId } from './sync/queue.ts';

const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** Notes of this visit, and a way to add one (queued: it is kept on the tablet until saved). */
export function NotesPanel({
  notes,
  me,
  timeZone,
  onAdd,
  readOnly,
}: {
  notes: ShownNote[];
  me: Me;
  timeZone: string;
  onAdd?: (text: string) => Promise<void>;
  readOnly?: boolean;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!onAdd) return;
    setError(null);
    setBusy(true);
    try {
      await onAdd(text);
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="notes-heading" title="Notes of this visit">
      {notes.length === 0 ? (
        <Text c="dimmed">No notes yet.</Text>
      ) : (
        <Stack component="ul" gap="xs" style={LIST} aria-labelledby="notes-heading">
          {notes.map((n) => (
            <Box component="li" key={n.id}>
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{n.text}</Text>
              <Text size="sm" c="dimmed">
                {[n.staffName, timeOfDay(n.at, me.retailer.locale, timeZone)].filter(Boolean).join(' · ')}
                <PendingMark pending={n.pending} />
              </Text>
              {n.pending === 'failed' && n.error && (
                <Text size="sm" c="red.8">
                  {n.error.message}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
      {!readOnly && (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Textarea
              label="Add a note"
              description="What they want today, who it is for, what they said."
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={6}
              error={fieldError(error, 'text') ?? (error && !(error instanceof ApiError) ? errorMessage(error) : undefined)}
            />
            <Button type="submit" variant="light" w="fit-content" loading={busy} disabled={!text.trim()}>
              Add the note
            </Button>
          </Stack>
        </form>
      )}
    </Section>
  );
}

const GESTURE_OPTIONS = GESTURE_KINDS.map((k) => ({ value: k, label: GESTURE_LABEL[k] }));

/** Gestures of surprise and delight given in this visit, and a form to give one (queued). */
export function GesturesPanel({
  gestures,
  me,
  onGive,
  readOnly,
}: {
  gestures: ShownGesture[];
  me: Me;
  onGive?: (g: { kind: GestureKind; description: string; cost: number }) => Promise<void>;
  readOnly?: boolean;
}) {
  const [kind, setKind] = useState<GestureKind>('extra-blooms');
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState<string | number>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mayGive = can(me, 'selling.run') && !readOnly && onGive;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!onGive) return;
    setError(null);
    setBusy(true);
    try {
      await onGive({ kind, description, cost: typeof cost === 'number' ? cost : 0 });
      setDescription('');
      setCost('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="gestures-heading" title="Gestures">
      {gestures.length === 0 ? (
        <Text c="dimmed">No gesture given in this visit.</Text>
      ) : (
        <Stack component="ul" gap="xs" style={LIST} aria-labelledby="gestures-heading">
          {gestures.map((g) => (
            <Box component="li" key={g.id}>
              <Text style={{ overflowWrap: 'anywhere' }}>
                {GESTURE_LABEL[g.kind] ?? 'Gesture'}: {g.description} ({money(g.cost, me)})
                <PendingMark pending={g.pending} />
              </Text>
              {g.pending === 'failed' && g.error && (
                <Text size="sm" c="red.8" role="alert">
                  {g.error.message}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
      {mayGive && (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Select
              label="Gesture"
              data={GESTURE_OPTIONS}
              value={kind}
              onChange={(v) => v && setKind(v as GestureKind)}
              allowDeselect={false}
            />
            <TextInput
              label="What was given"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={fieldError(error, 'description') ?? (error && !(error instanceof ApiError) ? errorMessage(error) : undefined)}
            />
            <NumberInput
              label="Cost"
              prefix={currencySymbol(me)}
              min={0}
              max={100_000}
              decimalScale={2}
              value={cost}
              onChange={setCost}
              maw={200}
              error={fieldError(error, 'cost')}
            />
            <Button type="submit" variant="light" w="fit-content" loading={busy} disabled={!description.trim() || cost === ''}>
              Give the gesture
            </Button>
          </Stack>
        </form>
      )}
    </Section>
  );
}

/** Guided selling for this visit (starting a session needs the connection) and the visit's basket. */
export function SellingPanel({ visit, me }: { visit: Visit; me: Me }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sets = useQuestionSets();
  const active = (sets.data ?? []).filter((s) => s.active);
  const [picked, setPicked] = useState<string | null>(null);
  const setId = picked ?? (active.length === 1 ? (active[0]?.id ?? null) : null);
  const attempt = useRef<{ setId: string; clientId: string } | null>(null);
  const start = useMutation({
    mutationFn: () => {
      if (!setId) throw new Error('Choose what to help with first.');
      if (attempt.current?.setId !== setId) attempt.current = { setId, clientId: newClientId('c') };
      return startGuidance({ setId, storeId: visit.store.id, encounterId: visit.id, categoryId: null, clientId: attempt.current.clientId });
    },
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKey(session.id), session);
      void queryClient.invalidateQueries({ queryKey: screenKey(visit.id) });
      navigate(`/selling/${session.id}`);
    },
  });
  const lines = basketLines(visit.basket);
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return (
    <Section id="selling-heading" title="Guided selling and basket">
      {visit.guidanceSessions.length > 0 && (
        <Stack component="ul" gap={4} style={LIST}>
          {visit.guidanceSessions.map((s) => (
            <li key={s.id}>
              <LinkButton to={`/selling/${s.id}`} variant="light">
                Continue: {s.setName}
              </LinkButton>
            </li>
          ))}
        </Stack>
      )}
      {active.length > 1 && (
        <Select
          label="Help them choose"
          placeholder="What are they looking for?"
          data={active.map((s) => ({ value: s.id, label: s.name }))}
          value={setId}
          onChange={setPicked}
        />
      )}
      {sets.isError && <Text c="red.8">{errorMessage(sets.error)}</Text>}
      <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!setId} w="fit-content">
        Guided selling
      </Button>
      {start.isError && (
        <Text c="red.8" role="alert">
          {start.error instanceof ApiError && start.error.status === 0
            ? 'Guided selling needs the connection. Try again when Ones can be reached.'
            : errorMessage(start.error)}
        </Text>
      )}
      {visit.basket.length === 0 ? (
        <Text c="dimmed">The basket is empty.</Text>
      ) : (
        <>
          <Stack component="ul" gap={4} style={LIST} aria-label="Basket">
            {lines.map((l) => (
              <Group component="li" key={l.key} justify="space-between" wrap="nowrap" gap="sm">
                <Text style={{ overflowWrap: 'anywhere' }}>
                  {l.quantity} × {l.title}
                </Text>
                <Text style={{ whiteSpace: 'nowrap' }}>{money(l.quantity * l.unitPrice, me)}</Text>
              </Group>
            ))}
          </Stack>
          <Group justify="space-between" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text fw={650}>Basket total</Text>
            <Text fw={650}>{money(total, me)}</Text>
          </Group>
        </>
      )}
    </Section>
  );
}

const REASON_OPTIONS = NO_SALE_REASONS.map((r) => ({ value: r, label: NO_SALE_LABEL[r] }));

/** Ends the visit: a sale of the basket, or no sale with the reason. Not queued: it needs the connection. */
export function ClosePanel({
  screen,
  me,
  online,
  waiting,
}: {
  screen: VisitScreenData;
  me: Me;
  online: boolean;
  /** Changes of this visit still waiting to sync: they must reach the server before it is closed. */
  waiting: number;
}) {
  const queryClient = useQueryClient();
  const visit = screen.visit;
  const hasBasket = visit.basket.length > 0;
  const [ending, setEnding] = useState<'sale' | 'no-sale'>(hasBasket ? 'sale' : 'no-sale');
  const [reason, setReason] = useState<NoSaleReason | null>(null);
  const [note, setNote] = useState('');
  const close = useMutation({
    mutationFn: (body: CloseBody) => closeVisit(visit.id, body),
    onSuccess: (closed) => {
      queryClient.setQueryData<VisitScreenData>(screenKey(visit.id), (s) => (s ? { ...s, visit: closed } : s));
      void queryClient.invalidateQueries({ queryKey: screenKey(visit.id) });
    },
  });
  if (!can(me, 'sales.close'))
    return (
      <Section id="close-heading" title="Close the visit">
        <Text c="dimmed">A colleague who sells closes the visit.</Text>
      </Section>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ending === 'sale') close.mutate({ outcome: 'sale' });
    else if (reason) close.mutate({ outcome: 'no-sale', reason, note: note.trim() || null });
  };
  const blocked = !online || waiting > 0;
  return (
    <Section id="close-heading" title="Close the visit">
      {!online && (
        <Alert color="yellow" variant="light" title="Closing needs the connection">
          A visit is closed on the server, not kept on the tablet. Everything else you record is kept here and sent when the connection is
          back; close the visit then.
        </Alert>
      )}
      {online && waiting > 0 && (
        <Text c="dimmed">
          {waiting === 1 ? 'One change is' : `${waiting} changes are`} still waiting to sync; the visit can be closed once saved.
        </Text>
      )}
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label="How it ends"
            data={[
              { value: 'sale', label: hasBasket ? 'Sale of the basket' : 'Sale of the basket (it is empty)', disabled: !hasBasket },
              { value: 'no-sale', label: 'No sale' },
            ]}
            value={ending}
            onChange={(v) => v && setEnding(v as 'sale' | 'no-sale')}
            allowDeselect={false}
          />
          {ending === 'no-sale' && (
            <>
              <Select
                label="Why not today"
                placeholder="Choose the reason"
                data={REASON_OPTIONS}
                value={reason}
                onChange={(v) => setReason(v as NoSaleReason | null)}
                error={fieldError(close.error, 'reason')}
              />
              <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            </>
          )}
          {close.isError && (
            <Alert color="red" variant="light" role="alert">
              {close.error instanceof ApiError && close.error.status === 0
                ? 'Ones could not be reached, so the visit is still open. Try again when the connection is back.'
                : errorMessage(close.error)}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={close.isPending} disabled={blocked || (ending === 'no-sale' && !reason)}>
            Close the visit
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

/** The quiet timer while the customer is given space: time given so far, counting up; nothing else. */
export function GivingSpace({ seconds, onBack }: { seconds: number; onBack: () => void }) {
  return (
    <Section id="space-heading" title="Giving space">
      <Text>Step back and let them picture it. Nothing is sold in this moment.</Text>
      <Text size="xl" fw={650} aria-live="off">
        {duration(seconds)}
      </Text>
      <Button onClick={onBack} w="fit-content">
        I’m back
      </Button>
    </Section>
  );
}

/** Cadence, quietly: time to greet and time given to decide. */
export function Cadence({ visit, givenSeconds, me }: { visit: Visit; givenSeconds: number; me: Me }) {
  const greet = visit.times.secondsToGreet;
  return (
    <Text size="sm" c="dimmed">
      {greet !== null ? `Greeted after ${duration(greet)}` : 'Not greeted yet'}
      {givenSeconds > 0 ? ` · Time given to decide ${duration(givenSeconds)}` : ''}
      {` · Started at ${timeOfDay(visit.times.startedAt, me.retailer.locale, visit.store.timeZone)}`}
    </Text>
  );
}
