import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, fieldError } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { resetPassword } from './auth.api.ts';

/** `/reset-password#<token>`: set a new password from the link a manager gave you. */
export function ResetPasswordPage() {
  const location = useLocation();
  const navigate = useNavigate();
  // The token travels in the fragment, so it never reaches server logs or Referer headers.
  const token = decodeURIComponent(location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problems, setProblems] = useState<{ password?: string; again?: string }>({});
  const mutation = useMutation({
    mutationFn: resetPassword,
    onSuccess: () => navigate('/sign-in', { replace: true, state: { note: 'Your new password is set. Sign in with it now.' } }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      password: password.length < 8 ? 'Use at least 8 characters.' : undefined,
      again: password !== again ? 'The two passwords are not the same.' : undefined,
    };
    setProblems(next);
    if (next.password || next.again) return;
    mutation.mutate({ token, password });
  }

  const err = mutation.error;
  const linkDead = err instanceof ApiError && err.fields.some((f) => f.field === 'token');
  return (
    <AuthFrame title="Set a new password">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            Set a new password
          </Title>
          {!token ? (
            <Alert color="red" role="alert">
              This link is incomplete. Open the whole link your manager gave you, or ask for a new one.
            </Alert>
          ) : (
            <>
              <Text c="dimmed">Choose a password of at least 8 characters. Other sessions of yours will end.</Text>
              {err && (linkDead || !(err instanceof ApiError && err.fields.length > 0)) && <FormError error={err} />}
              <PasswordInput
                label="New password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={problems.password ?? fieldError(err, 'password')}
                required
                autoFocus
              />
              <PasswordInput
                label="New password again"
                autoComplete="new-password"
                value={again}
                onChange={(e) => setAgain(e.currentTarget.value)}
                error={problems.again}
                required
              />
              <Button type="submit" loading={mutation.isPending} fullWidth>
                Set password
              </Button>
            </>
          )}
          <Button component={Link} to="/sign-in" variant="subtle">
            Back to sign-in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
