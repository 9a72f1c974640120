import { Badge, Button, Group, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { can, roleAndTitle, useSignedIn } from '../auth/me-context.ts';
import { useStores } from '../stores/stores.api.ts';
import { ResetLinkModal } from './ResetLinkModal.tsx';
import { StaffForm } from './StaffForm.tsx';
import { STAFF_KEY, type StaffMember, setActive, useStaff } from './staff.api.ts';
import { canManage } from './staff.policy.ts';

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; person: StaffMember }
  | { kind: 'active'; person: StaffMember }
  | { kind: 'reset'; person: StaffMember; justAdded: boolean };

/** `/team`: everyone in the person's stores; owners and managers add and change people. */
export function TeamPage() {
  const me = useSignedIn();
  const staff = useStaff();
  const stores = useStores();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const manage = can(me, 'staff.manage');
  const storeName = new Map((stores.data ?? []).map((s) => [s.id, s.name]));

  const toggle = useMutation({
    mutationFn: (p: StaffMember) => setActive(p.id, !p.active),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      setDialog(null);
    },
  });
  const close = () => {
    toggle.reset();
    setDialog(null);
  };

  const addButton = manage ? <Button onClick={() => setDialog({ kind: 'add' })}>Add person</Button> : null;
  const people = [...(staff.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));

  return (
    <Page title="Team" actions={addButton}>
      {staff.isPending ? (
        <LoadingState label="Loading the team…" />
      ) : staff.isError ? (
        <ErrorState error={staff.error} onRetry={() => staff.refetch()} />
      ) : people.length === 0 ? (
        <Empty title="Nobody here yet" description="Add the people who work in your stores." action={addButton} />
      ) : (
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th visibleFrom="md">Stores</Table.Th>
              <Table.Th visibleFrom="sm">Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => {
              const storesText =
                p.role === 'owner' && p.storeIds.length === 0
                  ? 'All stores'
                  : p.storeIds.map((id) => storeName.get(id) ?? 'Another store').join(', ');
              const status = (
                <Group gap={6}>
                  {p.active ? (
                    <Badge color="moss" variant="light">
                      Active
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      Deactivated
                    </Badge>
                  )}
                  {p.active && !p.hasPin && (
                    <Badge color="gray" variant="outline">
                      No PIN
                    </Badge>
                  )}
                </Group>
              );
              const mayManage = canManage(me, p);
              const self = p.id === me.staff.id;
              return (
                <Table.Tr key={p.id} style={p.active ? undefined : { opacity: 0.85 }}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text fw={600}>
                        {p.name}
                        {self && ' (you)'}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {roleAndTitle(p.role, p.title)}
                      </Text>
                      <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
                        {p.email}
                      </Text>
                      <Text size="sm" hiddenFrom="md">
                        {storesText}
                      </Text>
                      <Group hiddenFrom="sm">{status}</Group>
                    </Stack>
                  </Table.Td>
                  <Table.Td visibleFrom="md">{storesText}</Table.Td>
                  <Table.Td visibleFrom="sm">{status}</Table.Td>
                  <Table.Td ta="right">
                    {(mayManage || self) && (
                      <Menu position="bottom-end" width={220}>
                        <Menu.Target>
                          <Button variant="default">
                            Manage<VisuallyHidden> {p.name}</VisuallyHidden>
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setDialog({ kind: 'edit', person: p })}>Edit details</Menu.Item>
                          {mayManage && p.active && (
                            <Menu.Item onClick={() => setDialog({ kind: 'reset', person: p, justAdded: false })}>Reset link</Menu.Item>
                          )}
                          {mayManage && !self && (
                            <Menu.Item color={p.active ? 'red' : undefined} onClick={() => setDialog({ kind: 'active', person: p })}>
                              {p.active ? 'Deactivate' : 'Reactivate'}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <StaffForm
          person={dialog.kind === 'edit' ? dialog.person : null}
          stores={stores.data ?? []}
          onClose={close}
          onCreated={(person, withPassword) => {
            if (withPassword) close();
            else setDialog({ kind: 'reset', person, justAdded: true });
          }}
        />
      )}
      {dialog?.kind === 'reset' && <ResetLinkModal person={dialog.person} justAdded={dialog.justAdded} onClose={close} />}
      {dialog?.kind === 'active' && (
        <ConfirmModal
          title={dialog.person.active ? `Deactivate ${dialog.person.name}?` : `Reactivate ${dialog.person.name}?`}
          confirmLabel={dialog.person.active ? 'Deactivate' : 'Reactivate'}
          danger={dialog.person.active}
          pending={toggle.isPending}
          error={toggle.error}
          onConfirm={() => toggle.mutate(dialog.person)}
          onClose={close}
        >
          {dialog.person.active
            ? `${dialog.person.name} will be signed out everywhere at once and cannot sign in until reactivated. Their history stays.`
            : `${dialog.person.name} will be able to sign in again with their password or PIN.`}
        </ConfirmModal>
      )}
    </Page>
  );
}
