import { Alert, Button, Group, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ROLE_LABEL } from '../../../shared/domain/roles.ts';
import { errorMessage } from '../../api.ts';
import { Empty } from '../../ui/states.tsx';
import { type DeviceInfo, type Me, pinSignIn, startSession } from './auth.api.ts';
import classes from './PinSwitch.module.css';

export type Person = DeviceInfo['staff'][number];

/** The shared-tablet screen: pick your name, then enter your PIN. */
export function PinSwitch({ info }: { info: DeviceInfo }) {
  const [person, setPerson] = useState<Person | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const device = info.device;
  if (!device) return null;
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Text c="dimmed" fw={600}>
          {device.storeName} · {device.retailerName}
        </Text>
        <Title order={1} size="h2">
          {person ? `Hello, ${person.name}` : 'Who is working?'}
        </Title>
      </Stack>
      <PersonPin
        staff={info.staff}
        storeName={device.storeName}
        person={person}
        onPerson={setPerson}
        onSignedIn={(me) => {
          startSession(queryClient, me);
          navigate('/', { replace: true });
        }}
      />
      <Button component={Link} to="/sign-in?with=email" variant="subtle" fullWidth>
        Sign in with e-mail instead
      </Button>
    </Stack>
  );
}

/**
 * The store's people, then the chosen one's PIN pad. The caller holds who is chosen (so its heading
 * can follow) and decides what signing in leads to; `onSignedIn` is awaited while the pad shows it
 * is busy. The server has switched the session by the time it is called.
 */
export function PersonPin({
  staff,
  storeName,
  person,
  onPerson,
  onSignedIn,
}: {
  staff: Person[];
  storeName: string;
  person: Person | null;
  onPerson: (person: Person | null) => void;
  onSignedIn: (me: Me) => void | Promise<void>;
}) {
  if (person) return <PinPad key={person.id} person={person} onBack={() => onPerson(null)} onSignedIn={onSignedIn} />;
  if (staff.length === 0) return <Empty title="Nobody works here yet" description={`No one on the team is assigned to ${storeName}.`} />;
  return (
    <ul className={classes.people} aria-label={`Staff at ${storeName}`}>
      {staff.map((s) => (
        <li key={s.id}>
          <UnstyledButton className={classes.person} onClick={() => onPerson(s)} disabled={!s.hasPin}>
            <Text fw={700} size="lg" lh={1.25}>
              {s.name}
            </Text>
            <Text size="sm" c="dimmed">
              {s.hasPin ? (s.title ?? ROLE_LABEL[s.role]) : 'No PIN yet'}
            </Text>
          </UnstyledButton>
        </li>
      ))}
    </ul>
  );
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

function PinPad({ person, onBack, onSignedIn }: { person: Person; onBack: () => void; onSignedIn: (me: Me) => void | Promise<void> }) {
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const mutation = useMutation({
    mutationFn: async (body: { staffId: string; pin: string }) => {
      const me = await pinSignIn(body);
      await onSignedIn(me);
    },
    onError: () => {
      setPin('');
      input.current?.focus();
    },
  });

  const press = (d: string) => setPin((p) => (p.length < 8 ? p + d : p));
  const back = () => setPin((p) => p.slice(0, -1));
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (pin.length >= 4 && !mutation.isPending) mutation.mutate({ staffId: person.id, pin });
  };

  // Typing works wherever focus is on the pad, not only in the field.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.target === input.current) return;
    if (/^[0-9]$/.test(e.key)) {
      e.preventDefault();
      press(e.key);
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      back();
    } else if (e.key === 'Enter' && (e.target as HTMLElement).dataset.digit !== undefined) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <Stack gap="md" maw={360} mx="auto">
        {mutation.isError && (
          <Alert color="red" role="alert">
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <TextInput
          ref={input}
          label={`PIN for ${person.name}`}
          description="4 to 8 digits"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]*"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
          aria-invalid={mutation.isError || undefined}
          autoFocus
          // A dialog's focus trap honours this rather than autoFocus.
          data-autofocus
          size="xl"
          classNames={{ input: classes.pinInput }}
        />
        <div className={classes.pad}>
          {DIGITS.map((d) => (
            <Button key={d} variant="default" size="xl" className={classes.key} onClick={() => press(d)} data-digit="">
              {d}
            </Button>
          ))}
          <Button variant="default" size="xl" className={classes.key} onClick={back} aria-label="Delete last digit" data-digit="">
            ⌫
          </Button>
          <Button variant="default" size="xl" className={classes.key} onClick={() => press('0')} data-digit="">
            0
          </Button>
          <Button
            type="submit"
            size="xl"
            className={`${classes.key} ${classes.submit}`}
            disabled={pin.length < 4}
            loading={mutation.isPending}
          >
            Sign in
          </Button>
        </div>
        <Group justify="center">
          <Button variant="subtle" onClick={onBack}>
            Choose someone else
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
