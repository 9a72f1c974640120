import { Alert, Box, Button, Checkbox, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { FollowUpKind, ProposedFollowUp } from '../../../shared/domain/follow-ups.ts';
import { GESTURE_KINDS, type GestureKind, NO_SALE_REASONS, type NoSaleReason } from '../../../shared/domain/visits.ts';
import { ApiError, errorMessage, fieldError } from '../../api.ts';
import type { Me } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';
import { currencySymbol, money } from '../customers/format.ts';
import { Section } from '../customers/Section.tsx';
import { basketLines } from '../visits/visit/format.ts';
import type { Visit } from '../visits/visits.api.ts';
import { CHANNEL_LABEL, calendarDay, duration, FOLLOW_UP_LABEL, GESTURE_LABEL, NO_SALE_LABEL, timeOfDay } from '../visits/words.ts';
import { draftKey, useDraft } from './drafts.ts';
import type { RemovedLine, ShownBasketLine, ShownGesture, ShownNote } from './pending.ts';
import { PendingMark } from './RoadmapPanel.tsx';
import { type CloseBody, closeVisit, screenKey, useFollowUpProposals, type VisitScreenData } from './screen.api.ts';
import type { QueueItem } from './sync/queue.ts';
import classes from './visit-screen.module.css';

const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/**
 * Notes of this visit, and a way to add one (queued: it is kept on the tablet until saved). What is
 * typed and not yet added is kept in the tab for `visitId`, so a reload does not lose it.
 */
export function NotesPanel({
  notes,
  me,
  timeZone,
  onAdd,
  readOnly,
  visitId,
}: {
  notes: ShownNote[];
  me: Me;
  timeZone: string;
  onAdd?: (text: string) => Promise<void>;
  readOnly?: boolean;
  visitId?: string;
}) {
  const [text, setText, clearText] = useDraft(visitId && !readOnly ? draftKey(visitId, 'note') : null, '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!onAdd) return;
    setError(null);
    setBusy(true);
    try {
      await onAdd(text);
      clearText();
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

/** A gesture being written, as kept in the tab until it is given. */
interface GestureDraft {
  kind: GestureKind;
  description: string;
  cost: string | number;
}
const NO_GESTURE: GestureDraft = { kind: 'extra-blooms', description: '', cost: '' };

/**
 * Gestures of surprise and delight given in this visit, and a form to give one (queued). What is
 * written and not yet given is kept in the tab for `visitId`, so a reload does not lose it.
 */
export function GesturesPanel({
  gestures,
  me,
  onGive,
  readOnly,
  visitId,
}: {
  gestures: ShownGesture[];
  me: Me;
  onGive?: (g: { kind: GestureKind; description: string; cost: number }) => Promise<void>;
  readOnly?: boolean;
  visitId?: string;
}) {
  const [draft, setDraft, clearDraft] = useDraft(visitId && !readOnly ? draftKey(visitId, 'gesture') : null, NO_GESTURE);
  const { kind, description, cost } = draft;
  const setKind = (k: GestureKind) => setDraft({ ...draft, kind: k });
  const setDescription = (d: string) => setDraft({ ...draft, description: d });
  const setCost = (c: string | number) => setDraft({ ...draft, cost: c });
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
      clearDraft();
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

const REASON_OPTIONS = NO_SALE_REASONS.map((r) => ({ value: r, label: NO_SALE_LABEL[r] }));

/** The merged basket lines less what was taken out and waits in the queue; a line left with none goes. */
function withoutRemoved<T extends { variantId: string; unitPrice: number; quantity: number }>(lines: T[], removed: RemovedLine[]): T[] {
  const left = lines.map((l) => ({ ...l }));
  for (const r of removed) {
    const line = left.find((l) => l.variantId === r.variantId && l.unitPrice === r.unitPrice);
    if (line) line.quantity -= r.quantity;
  }
  return left.filter((l) => l.quantity > 0);
}

/** Ends the visit: a sale of the basket, or no sale with the reason. Not queued: it needs the connection. */
export function ClosePanel({
  screen,
  me,
  online,
  waiting,
  pendingLines,
  removedLines,
}: {
  screen: VisitScreenData;
  me: Me;
  online: boolean;
  /** Changes of this visit still waiting to sync: they must reach the server before it is closed. */
  waiting: number;
  /** Basket lines still in the queue, shown with the basket until saved. */
  pendingLines: ShownBasketLine[];
  /** Lines taken out while that waits in the queue: left off the basket shown. */
  removedLines: RemovedLine[];
}) {
  const queryClient = useQueryClient();
  const visit = screen.visit;
  const hasBasket = visit.basket.length > 0;
  const [ending, setEnding] = useState<'sale' | 'no-sale'>(hasBasket ? 'sale' : 'no-sale');
  const [reason, setReason] = useState<NoSaleReason | null>(null);
  const [note, setNote] = useState('');
  const [emailReceipt, setEmailReceipt] = useState(false);
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
    if (ending === 'sale') close.mutate({ outcome: 'sale', ...(emailReceipt ? { emailReceipt: true } : {}) });
    else if (reason) close.mutate({ outcome: 'no-sale', reason, note: note.trim() || null });
  };
  const blocked = !online || waiting > 0;
  const lines: { key: string; title: string; quantity: number; unitPrice: number; pending?: 'waiting' | 'failed' }[] = [
    ...withoutRemoved(basketLines(visit.basket), removedLines),
    ...pendingLines.map((l) => ({ ...l, key: l.id })),
  ];
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return (
    <Section id="close-heading" title="Close the visit">
      {lines.length === 0 ? (
        <Text c="dimmed">The basket is empty.</Text>
      ) : (
        <Stack gap={4}>
          <Stack component="ul" gap={4} style={LIST} aria-label="Basket">
            {lines.map((l) => (
              <Group component="li" key={l.key} justify="space-between" wrap="nowrap" gap="sm">
                <Text style={{ overflowWrap: 'anywhere' }}>
                  {l.quantity} × {l.title}
                  <PendingMark pending={l.pending} />
                </Text>
                <Text style={{ whiteSpace: 'nowrap' }}>{money(l.quantity * l.unitPrice, me)}</Text>
              </Group>
            ))}
          </Stack>
          <Group justify="space-between" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text fw={650}>Basket total</Text>
            <Text fw={650}>{money(total, me)}</Text>
          </Group>
        </Stack>
      )}
      {!online && (
        <Alert color="yellow" variant="light" title="Closing needs the connection" classNames={{ title: classes.noticeTitle }}>
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
          {ending === 'sale' && <ReceiptChoice screen={screen} checked={emailReceipt} onChange={setEmailReceipt} />}
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

/**
 * The receipt by e-mail, for a customer who gave an address: a service message, so it needs their
 * consent to service e-mails; it carries their feedback link.
 */
function ReceiptChoice({ screen, checked, onChange }: { screen: VisitScreenData; checked: boolean; onChange: (v: boolean) => void }) {
  const customer = screen.customer;
  const address = customer?.emails[0]?.address;
  if (!customer || !address) return null;
  const agreed = customer.consents?.some((c) => c.channel === 'email' && c.purpose === 'service' && c.granted) ?? false;
  return (
    <Checkbox
      label={`E-mail the receipt to ${address}`}
      description={
        agreed
          ? 'It goes at once, with a link to say how the visit went.'
          : `${customer.preferredName ?? customer.firstName} has not agreed to service e-mails: record it on their profile first.`
      }
      checked={checked && agreed}
      disabled={!agreed}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
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

/** Cadence, quietly: time to greet, time in discovery and time given to decide, as the server keeps them. */
export function Cadence({ visit, me }: { visit: Visit; me: Me }) {
  const t = visit.times;
  return (
    <Text size="sm" c="dimmed">
      {t.secondsToGreet !== null ? `Greeted after ${duration(t.secondsToGreet)}` : 'Not greeted yet'}
      {t.secondsInDiscovery ? ` · In discovery ${duration(t.secondsInDiscovery)}` : ''}
      {t.secondsGiven > 0 ? ` · Time given to decide ${duration(t.secondsGiven)}` : ''}
      {` · Started at ${timeOfDay(t.startedAt, me.retailer.locale, visit.store.timeZone)}`}
    </Text>
  );
}

/** A follow-up as the screen shows it: kept on the server, or still in the queue. */
interface ShownFollowUp {
  id: string;
  kind: FollowUpKind;
  title: string;
  channel: Channel;
  due: string | null;
  pending?: 'waiting' | 'failed';
}

type Channel = 'email' | 'phone' | 'in-person';
const CHANNEL_OPTIONS = (['phone', 'email', 'in-person'] as const).map((c) => ({ value: c, label: CHANNEL_LABEL[c] }));

/**
 * After the close: what to follow up, as the server proposes it from how the visit ended (a thank-you,
 * a call when something is back, a date coming up). Each is kept with one tap, through the queue.
 */
export function FollowUpPanel({
  visit,
  me,
  items,
  onKeep,
}: {
  visit: Visit;
  me: Me;
  items: QueueItem[];
  onKeep: (p: ProposedFollowUp, channel: Channel) => Promise<void>;
}) {
  const proposals = useFollowUpProposals(visit.id, can(me, 'selling.run'));
  const [channel, setChannel] = useState<Channel>('phone');
  const [error, setError] = useState<unknown>(null);
  const queued: ShownFollowUp[] = items
    .filter((i) => i.path === `/api/encounters/${encodeURIComponent(visit.id)}/follow-ups`)
    .map((i) => {
      const b = (i.body ?? {}) as { kind?: FollowUpKind; title?: string; channel?: Channel; dueOn?: string | null };
      return {
        id: i.id,
        kind: b.kind ?? 'other',
        title: b.title ?? '',
        channel: b.channel ?? 'phone',
        due: b.dueOn ?? null,
        pending: i.state,
      };
    });
  const kept: ShownFollowUp[] = [
    ...visit.followUps.map((f) => ({ id: f.id, kind: f.kind, title: f.title, channel: f.channel, due: f.dueAt?.slice(0, 10) ?? null })),
    ...queued,
  ];
  const open = (proposals.data ?? []).filter((p) => !kept.some((k) => k.kind === p.kind && k.title === p.title));
  if (!can(me, 'selling.run')) return null;
  const keep = (p: ProposedFollowUp) => {
    setError(null);
    onKeep(p, channel).catch(setError);
  };
  return (
    <Section id="follow-up-heading" title="Follow up">
      {kept.length > 0 && (
        <Stack component="ul" gap={4} style={LIST} aria-label="Follow-ups kept">
          {kept.map((f) => (
            <Text component="li" key={f.id} style={{ overflowWrap: 'anywhere' }}>
              {f.title}
              <Text span c="dimmed">
                {' · '}
                {CHANNEL_LABEL[f.channel]}
                {f.due ? ` · ${calendarDay(f.due, me.retailer.locale)}` : ' · when it arrives'}
              </Text>
              <PendingMark pending={f.pending} />
            </Text>
          ))}
        </Stack>
      )}
      {proposals.isPending && proposals.fetchStatus !== 'idle' && <Text c="dimmed">Looking at what to follow up…</Text>}
      {proposals.isError && (
        <Text c="dimmed">
          {proposals.error instanceof ApiError && proposals.error.status === 0
            ? 'What to follow up is proposed when Ones can be reached.'
            : errorMessage(proposals.error)}
        </Text>
      )}
      {open.length > 0 && (
        <>
          <Select
            label="How to follow up"
            data={CHANNEL_OPTIONS}
            value={channel}
            onChange={(v) => v && setChannel(v as Channel)}
            allowDeselect={false}
            maw={240}
          />
          <Stack component="ul" gap="xs" style={LIST} aria-label="Proposed follow-ups">
            {open.map((p) => (
              <Group component="li" key={`${p.kind}:${p.title}`} justify="space-between" wrap="wrap" gap="sm">
                <Box miw={0} style={{ flex: '1 1 12rem' }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {p.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {FOLLOW_UP_LABEL[p.kind]} · {p.dueOn ? calendarDay(p.dueOn, me.retailer.locale) : 'when it arrives'}
                  </Text>
                </Box>
                <Button variant="light" onClick={() => keep(p)} aria-label={`Keep the follow-up: ${p.title}`}>
                  Keep
                </Button>
              </Group>
            ))}
          </Stack>
        </>
      )}
      {proposals.data && open.length === 0 && kept.length === 0 && <Text c="dimmed">Nothing to follow up.</Text>}
      {error ? (
        <Text c="red.8" role="alert">
          {errorMessage(error)}
        </Text>
      ) : null}
    </Section>
  );
}
