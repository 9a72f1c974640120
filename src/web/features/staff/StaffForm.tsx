import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { assignableRoles, ROLE_LABEL, type Role } from '../../../shared/domain/roles.ts';
import { ApiError, errorMessage, fieldError } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import { ME_KEY } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import type { Store } from '../stores/stores.api.ts';
import { createStaff, getStaff, type NewStaff, STAFF_KEY, type StaffChanges, type StaffMember, updateStaff } from './staff.api.ts';
import { canChangeAccess } from './staff.policy.ts';

interface Values {
  name: string;
  email: string;
  role: Role | null;
  title: string;
  storeIds: string[];
}

const valuesOf = (s: StaffMember | null, defaultStore: string | null): Values => ({
  name: s?.name ?? '',
  email: s?.email ?? '',
  role: s?.role ?? 'associate',
  title: s?.title ?? '',
  storeIds: s?.storeIds ?? (defaultStore ? [defaultStore] : []),
});

/** Add a person, or edit one (with the version they were loaded at, so concurrent edits are caught). */
export function StaffForm(props: {
  person: StaffMember | null;
  stores: Store[];
  onClose: () => void;
  onCreated: (person: StaffMember, withPassword: boolean) => void;
}) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(props.person);
  const [values, setValues] = useState<Values>(() => valuesOf(props.person, me.currentStoreId));
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const isNew = base === null;
  const access = isNew || canChangeAccess(me, base);
  const roles = assignableRoles(me.staff.role);
  const roleData = [...roles, ...(values.role && !roles.includes(values.role) ? [values.role] : [])].map((r) => ({
    value: r,
    label: ROLE_LABEL[r],
  }));
  // Owners give any store; others only their own (the server refuses the rest).
  const storeChoices = me.staff.role === 'owner' ? props.stores : props.stores.filter((s) => me.stores.some((m) => m.id === s.id));

  const save = useMutation({
    mutationFn: async (): Promise<StaffMember> => {
      const title = values.title.trim() || null;
      if (!base) {
        const body: NewStaff = {
          name: values.name.trim(),
          email: values.email.trim(),
          role: values.role as Role,
          title,
          storeIds: values.storeIds,
        };
        if (password) body.password = password;
        return createStaff(body);
      }
      const body: StaffChanges = { version: base.version, name: values.name.trim(), email: values.email.trim(), title };
      if (access) {
        body.role = values.role as Role;
        body.storeIds = values.storeIds;
      }
      return updateStaff(base.id, body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      if (saved.id === me.staff.id) void queryClient.invalidateQueries({ queryKey: ME_KEY });
      if (!base) props.onCreated(saved, Boolean(password));
      else props.onClose();
    },
  });

  const reload = useMutation({
    mutationFn: () => getStaff((base as StaffMember).id),
    onSuccess: (fresh) => {
      setBase(fresh);
      setValues(valuesOf(fresh, null));
      save.reset();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      name: values.name.trim() ? undefined : 'Enter their name.',
      email: /^\S+@\S+\.\S+$/.test(values.email.trim()) ? undefined : 'Enter an e-mail address like name@example.com.',
      role: values.role ? undefined : 'Choose a role.',
      storeIds: access && values.role !== 'owner' && values.storeIds.length === 0 ? 'Choose at least one store.' : undefined,
      password: password && password.length < 8 ? 'Use at least 8 characters, or leave it empty.' : undefined,
    };
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    save.mutate();
  }

  const err = save.error;
  const stale = err instanceof ApiError && err.code === 'stale_version';
  const f = (field: string) => problems[field] ?? fieldError(err, field);
  return (
    <Modal opened onClose={props.onClose} title={isNew ? 'Add a person' : `Edit ${base.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {stale ? (
            <Alert color="orange" role="alert" title="Someone else changed this person">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{errorMessage(err)} Reloading shows their latest details; your changes here will be replaced.</Text>
                <Button variant="white" color="orange.9" onClick={() => reload.mutate()} loading={reload.isPending}>
                  Reload
                </Button>
              </Stack>
            </Alert>
          ) : (
            <FormError error={err} />
          )}
          {reload.isError && <FormError error={reload.error} />}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Name"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={f('name')}
              required
              data-autofocus
            />
            <TextInput
              label="E-mail"
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={f('email')}
              required
            />
            <Select
              label="Role"
              data={roleData}
              value={values.role}
              onChange={(v) => set('role', v as Role | null)}
              error={f('role')}
              disabled={!access}
              description={access ? undefined : 'Only an owner can change this.'}
              required
            />
            <TextInput
              label="Job title"
              description="Shown to colleagues, e.g. Florist"
              value={values.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={f('title')}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Works in"
            description={values.role === 'owner' ? 'Owners see every store.' : undefined}
            value={values.storeIds}
            onChange={(v) => set('storeIds', v)}
            error={f('storeIds')}
            readOnly={!access}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt="xs">
              {storeChoices.map((s) => (
                <Checkbox.Card key={s.id} value={s.id} radius="md" p="sm" disabled={!access} style={{ minHeight: 48 }}>
                  <Group wrap="nowrap" gap="sm">
                    <Checkbox.Indicator />
                    <Text>{s.name}</Text>
                  </Group>
                </Checkbox.Card>
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {isNew && (
            <PasswordInput
              label="First password (optional)"
              description="Leave empty and give them a reset link to choose their own."
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={f('password')}
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={stale}>
              {isNew ? 'Add person' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
