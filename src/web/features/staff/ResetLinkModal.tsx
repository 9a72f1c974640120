import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { SecretBox } from '../../ui/SecretBox.tsx';
import { FormError } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { issueResetLink, type StaffMember } from './staff.api.ts';

/** Creates a one-time link for a person to set their password, and shows it with a copy button. */
export function ResetLinkModal({ person, justAdded, onClose }: { person: StaffMember; justAdded: boolean; onClose: () => void }) {
  const me = useSignedIn();
  const link = useMutation({ mutationFn: () => issueResetLink(person.id) });
  const expires = link.data
    ? new Intl.DateTimeFormat(me.retailer.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(link.data.expiresAt))
    : '';
  return (
    <Modal opened onClose={onClose} title={`Password link for ${person.name}`}>
      <Stack gap="md">
        {justAdded && (
          <Alert color="moss" role="status">
            {person.name} is on the team. They have no password yet: give them this link to choose one.
          </Alert>
        )}
        {link.data ? (
          <>
            <SecretBox label="Reset link" value={link.data.url} />
            <Text size="sm" c="dimmed">
              Works once, until {expires}. Anyone with the link can set {person.name}’s password, so give it only to them.
            </Text>
          </>
        ) : (
          <>
            <Text>Create a one-time link that lets {person.name} set a new password. Their current sessions end when they use it.</Text>
            <FormError error={link.error} />
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {link.data ? 'Done' : 'Cancel'}
          </Button>
          {!link.data && (
            <Button onClick={() => link.mutate()} loading={link.isPending} data-autofocus>
              Create link
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
