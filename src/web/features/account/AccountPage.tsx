import { Alert, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../api.ts';
import { Page } from '../../ui/Page.tsx';
import { FormError } from '../../ui/states.tsx';
import { ME_KEY } from '../auth/auth.api.ts';
import { roleAndTitle, useSignedIn } from '../auth/me-context.ts';
import { DeviceCard } from '../devices/DeviceCard.tsx';
import { changePassword, setPin } from './account.api.ts';

/** `/account`: who you are, your password and PIN, and this tablet. */
export function AccountPage() {
  const me = useSignedIn();
  return (
    <Page title="My account">
      <Stack gap={2}>
        <Text fw={600}>{me.staff.name}</Text>
        <Text c="dimmed">
          {roleAndTitle(me.staff.role, me.staff.title)} at {me.retailer.name}
        </Text>
        <Text c="dimmed">{me.staff.email}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <PasswordCard />
        <PinCard />
      </SimpleGrid>
      <DeviceCard />
    </Page>
  );
}

function PasswordCard() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setAgain('');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = {
      currentPassword: current ? undefined : 'Enter your current password.',
      newPassword: next.length < 8 ? 'Use at least 8 characters.' : undefined,
      again: next !== again ? 'The two new passwords are not the same.' : undefined,
    };
    setProblems(p);
    if (Object.values(p).some(Boolean)) return;
    mutation.mutate({ currentPassword: current, newPassword: next });
  }

  const err = mutation.error;
  const f = (field: string) => problems[field] ?? fieldError(err, field);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id="password-heading">
            Password
          </Title>
          {mutation.isSuccess && (
            <Alert color="moss" role="status">
              Your password is changed. You were signed out everywhere else.
            </Alert>
          )}
          <FormError error={err} />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={f('currentPassword')}
            required
          />
          <PasswordInput
            label="New password"
            description="At least 8 characters"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={f('newPassword')}
            required
          />
          <PasswordInput
            label="New password again"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={problems.again}
            required
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PinCard() {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [pin, setPinValue] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const mutation = useMutation({
    mutationFn: setPin,
    onSuccess: () => {
      setPinValue('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = {
      pin: /^[0-9]{4,8}$/.test(pin) ? undefined : 'Use 4 to 8 digits.',
      password: password ? undefined : 'Enter your password to confirm.',
    };
    setProblems(p);
    if (Object.values(p).some(Boolean)) return;
    mutation.mutate({ pin, password });
  }

  const err = mutation.error;
  const f = (field: string) => problems[field] ?? fieldError(err, field);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pin-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id="pin-heading">
            PIN for store devices
          </Title>
          <Text c="dimmed" size="sm">
            {me.staff.hasPin
              ? 'You have a PIN. Set a new one here if you want to change it.'
              : 'You have no PIN yet. Set one to switch in quickly on a shared store tablet.'}
          </Text>
          {mutation.isSuccess && (
            <Alert color="moss" role="status">
              Your PIN is set.
            </Alert>
          )}
          <FormError error={err} />
          <PasswordInput
            label="New PIN"
            description="4 to 8 digits"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPinValue(e.currentTarget.value.replace(/\D/g, ''))}
            error={f('pin')}
            required
          />
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={f('password')}
            required
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              Set PIN
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
