import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, fieldError } from '../../api.ts';
import { FormError, LoadingState } from '../../ui/states.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { login, startSession, useDevice, useMe } from './auth.api.ts';
import { PinSwitch } from './PinSwitch.tsx';

interface SignInState {
  from?: string;
  note?: string;
}

/** `/sign-in`: e-mail and password, or on a store device the PIN switch. */
export function SignInPage() {
  const me = useMe();
  const device = useDevice();
  const location = useLocation();
  const [params] = useSearchParams();
  const state = (location.state ?? {}) as SignInState;

  if (me.data) return <Navigate to={state.from ?? '/'} replace />;
  if (me.isPending || device.isPending) {
    return (
      <AuthFrame title="Sign in">
        <LoadingState />
      </AuthFrame>
    );
  }
  const info = device.data;
  if (info?.device && params.get('with') !== 'email') {
    return (
      <AuthFrame title={`Who is working at ${info.device.storeName}?`} width={760}>
        <PinSwitch info={info} />
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Sign in">
      <EmailSignIn from={state.from} note={state.note} onDevice={Boolean(info?.device)} />
    </AuthFrame>
  );
}

function EmailSignIn({ from, note, onDevice }: { from: string | undefined; note: string | undefined; onDevice: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      startSession(queryClient, me);
      navigate(from ?? '/', { replace: true });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = {
      email: email.trim() ? undefined : 'Enter your e-mail address.',
      password: password ? undefined : 'Enter your password.',
    };
    setMissing(problems);
    if (problems.email || problems.password) return;
    mutation.mutate({ email: email.trim(), password });
  }

  const err = mutation.error;
  const fieldsOnly = err instanceof ApiError && err.code === 'validation_failed' && err.fields.length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={1} size="h2">
          Sign in
        </Title>
        {note && (
          <Alert color="moss" role="status">
            {note}
          </Alert>
        )}
        {err && !fieldsOnly && <FormError error={err} />}
        <TextInput
          label="E-mail"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={missing.email ?? fieldError(err, 'email')}
          required
          autoFocus
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing.password ?? fieldError(err, 'password')}
          required
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          Sign in
        </Button>
        <Text size="sm" c="dimmed">
          Forgot your password? Ask your store manager for a reset link.
        </Text>
        {onDevice && (
          <Button component={Link} to="/sign-in" variant="subtle">
            Back to the PIN switch
          </Button>
        )}
      </Stack>
    </form>
  );
}
