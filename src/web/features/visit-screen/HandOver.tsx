import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, errorMessage, newClientId } from '../../api.ts';
import { Empty } from '../../ui/states.tsx';
import { type Me, startSession, useDevice } from '../auth/auth.api.ts';
import { type Person, PersonPin } from '../auth/PinSwitch.tsx';
import type { Visit } from '../visits/visits.api.ts';
import { useSyncQueue } from './queue-context.tsx';
import { visitPath } from './screen.api.ts';
import type { Queue } from './sync/queue.ts';
import classes from './visit-screen.module.css';

/*
 * On a shared store tablet a colleague (the security officer, say) can take the visit over with
 * their PIN, add their part as an assist, and hand it back, without the visit screen closing.
 * Signing someone else in reloads the screen for them (what they may see can differ), so what
 * this component must remember across that reload is kept in the tab's sessionStorage.
 */

const problemKey = (visitId: string) => `ones.hand-over-problem.${visitId}`;

/** A problem crediting the person who just switched in, kept for the screen they arrive on. */
function readProblem(visitId: string): string | null {
  try {
    return globalThis.sessionStorage?.getItem(problemKey(visitId)) ?? null;
  } catch {
    return null;
  }
}

function keepProblem(visitId: string, problem: string | null) {
  try {
    if (problem) globalThis.sessionStorage?.setItem(problemKey(visitId), problem);
    else globalThis.sessionStorage?.removeItem(problemKey(visitId));
  } catch {
    // Storage refused: the switch still happens; only the problem is not carried over.
  }
}

/** Whether the person already has a part in the visit (lead or assist), so is not credited again. */
function isCredited(visit: Visit, staffId: string): boolean {
  return visit.staff.some((s) => s.staffId === staffId);
}

/**
 * Credits the person on the visit as an assist, through the tablet's queue like every other change
 * (sent in order, once, as the person now signed in). Returns the problem in words, or null.
 */
async function creditAssist(queue: Queue, visit: Visit, person: Me['staff']): Promise<string | null> {
  const body = { clientId: newClientId('j'), role: 'assist' as const, staffId: person.id };
  const path = visitPath(visit.id, '/staff');
  try {
    await queue.enqueue({ scope: visit.id, path, body, label: `${person.name} joined as an assist` });
    return null;
  } catch {
    // The tablet could not keep it: send it at once instead; the same client id keeps it single.
    try {
      await api<Visit>(path, { method: 'POST', body });
      return null;
    } catch (err) {
      return `${person.name} is signed in, but could not be credited on this visit: ${errorMessage(err)}`;
    }
  }
}

/** Why handing over cannot happen now, or null when it can. */
function refusal(me: Me, waiting: number, online: boolean): string | null {
  if (!online)
    return 'Ones cannot be reached from this tablet just now. Handing over needs the connection: the PIN is checked by Ones, and the changes already made must reach it first.';
  if (waiting > 0)
    return `${waiting === 1 ? '1 change' : `${waiting} changes`} of this visit ${waiting === 1 ? 'is' : 'are'} still waiting to sync. ${
      waiting === 1 ? 'It has' : 'They have'
    } to be sent as ${me.staff.name}, who made ${waiting === 1 ? 'it' : 'them'}: hand over once the screen says Saved.`;
  return null;
}

/**
 * "Hand over to a colleague" on a store device: the store's people and a PIN pad in a dialog. The
 * colleague is then signed in on the tablet, the visit stays open, and they are credited once as
 * an assist. While someone other than the lead is signed in, it offers "Hand back to <lead>"
 * instead. Refused, with the reason, while this visit's changes wait to sync or Ones cannot be
 * reached. On a browser that is not a store device it shows nothing.
 */
export function HandOver({ visit, me, waiting, online }: { visit: Visit; me: Me; waiting: number; online: boolean }) {
  const device = useDevice();
  const queue = useSyncQueue();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, setOpened] = useState(false);
  const [person, setPerson] = useState<Person | null>(null);
  const [problem, setProblem] = useState(() => readProblem(visit.id));
  const info = device.data;

  // Read once, then forgotten, so a later reload does not repeat it.
  useEffect(() => keepProblem(visit.id, null), [visit.id]);

  if (!info?.device) return null;

  const lead = visit.staff.find((s) => s.staffId === visit.leadStaffId) ?? null;
  const handingBack = lead !== null && lead.staffId !== me.staff.id;
  const label = handingBack ? `Hand back to ${lead.name}` : 'Hand over to a colleague';
  const colleagues = info.staff.filter((s) => s.id !== me.staff.id);
  const refused = refusal(me, waiting, online);

  const open = () => {
    setPerson(handingBack ? (colleagues.find((s) => s.id === lead.staffId && s.hasPin) ?? null) : null);
    setOpened(true);
  };

  const signedIn = async (next: Me) => {
    keepProblem(visit.id, isCredited(visit, next.staff.id) ? null : await creditAssist(queue, visit, next.staff));
    setOpened(false);
    // Everything cached was read as the one before. Opening the same address again, as signing in
    // elsewhere opens the start page, makes every part of the screen read afresh as the new person.
    startSession(queryClient, next);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  };

  return (
    <Stack gap="xs">
      {problem && (
        <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      <Button variant="default" onClick={open} w="fit-content">
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={label}>
        {refused ? (
          <Stack gap="md">
            <Alert color="yellow" variant="light" title="Not just yet" role="status" classNames={{ title: classes.noticeTitle }}>
              {refused}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)} data-autofocus>
                Back to the visit
              </Button>
            </Group>
          </Stack>
        ) : colleagues.length === 0 ? (
          <Empty title="No colleague to hand over to" description={`No one else works at ${info.device.storeName}.`} />
        ) : (
          <Stack gap="md">
            <Text>
              {handingBack
                ? `${lead.name} enters their PIN to take the tablet back. The visit stays open.`
                : 'Your colleague picks their name and enters their PIN. The visit stays open, and they are credited on it as an assist.'}
            </Text>
            <PersonPin staff={colleagues} storeName={info.device.storeName} person={person} onPerson={setPerson} onSignedIn={signedIn} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
