import { Alert, AppShell, Avatar, Box, Burger, Button, Center, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLE_LABEL } from '../../../shared/domain/roles.ts';
import { errorMessage } from '../../api.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { logout, type Me, startSession, useMe } from '../auth/auth.api.ts';
import { MeContext } from '../auth/me-context.ts';
import { navFor } from './nav.ts';
import { RetailerSwitcher, StoreSwitcher } from './Switchers.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** The frame around every signed-in page: header with switchers and the person, navigation, content. */
export function SignedInLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center mih="100vh">
        <LoadingState />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Box maw={560} mx="auto" p="lg">
        <ErrorState error={me.error} onRetry={() => me.refetch()} title="Ones could not load your account" />
      </Box>
    );
  }
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <MeContext.Provider value={me.data}>
      <Shell me={me.data} />
    </MeContext.Provider>
  );
}

function Shell({ me }: { me: Me }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const items = navFor(me);
  const roleLabel = ROLE_LABEL[me.staff.role];

  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      navigate('/sign-in', { replace: true });
      startSession(queryClient, null);
    },
  });

  // The longest nav address the page is under is the active one: /selling/question-sets is not also /selling.
  const under = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);
  const activeTo = items
    .map((item) => item.to)
    .filter(under)
    .sort((a, b) => b.length - a.length)[0];
  const isActive = (to: string) => to === activeTo;
  const switchPerson = me.device ? (
    <Button variant="light" px="md" onClick={() => signOut.mutate()} loading={signOut.isPending}>
      Switch person
    </Button>
  ) : null;

  return (
    <AppShell
      header={{ height: 72 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group wrap="nowrap" gap="sm" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Box miw={0}>
              {me.retailers.length > 1 ? (
                <Box visibleFrom="sm">
                  <RetailerSwitcher me={me} onError={setSwitchError} />
                </Box>
              ) : null}
              <Text
                fw={700}
                size="lg"
                truncate
                component="p"
                hiddenFrom={me.retailers.length > 1 ? 'sm' : undefined}
                aria-label={`Retailer: ${me.retailer.name}`}
              >
                {me.retailer.name}
              </Text>
            </Box>
            <Box visibleFrom="sm" w={180} style={{ flexShrink: 0 }}>
              <StoreSwitcher me={me} onError={setSwitchError} />
            </Box>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {switchPerson && <Box visibleFrom="sm">{switchPerson}</Box>}
            <Menu position="bottom-end" width={260}>
              <Menu.Target>
                <UnstyledButton
                  aria-label={`${me.staff.name}, ${roleLabel}: account menu`}
                  style={{ minHeight: 44, minWidth: 44, borderRadius: 8 }}
                  px={4}
                >
                  <Group gap="sm" wrap="nowrap">
                    <Avatar color="moss" radius="xl" aria-hidden="true">
                      {initials(me.staff.name)}
                    </Avatar>
                    <Box visibleFrom="sm" style={{ lineHeight: 1.2 }}>
                      <Text fw={600} size="sm" truncate maw={150}>
                        {me.staff.name}
                      </Text>
                      <Text size="sm" c="dimmed" truncate maw={150}>
                        {roleLabel}
                      </Text>
                    </Box>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {me.staff.name} · {roleLabel}
                </Menu.Label>
                <Menu.Item component={Link} to="/account">
                  My account
                </Menu.Item>
                {me.device && <Menu.Item onClick={() => signOut.mutate()}>Switch person</Menu.Item>}
                <Menu.Divider />
                <Menu.Item onClick={() => signOut.mutate()}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="main-navigation">
        <AppShell.Section hiddenFrom="sm" mb="md">
          <Stack gap="sm">
            {me.retailers.length > 1 && <RetailerSwitcher me={me} onError={setSwitchError} />}
            <StoreSwitcher me={me} onError={setSwitchError} />
            {switchPerson}
          </Stack>
        </AppShell.Section>
        <AppShell.Section grow component="nav" aria-label="Main">
          <Stack gap={4}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                onClick={close}
              />
            ))}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1080} mx="auto">
          {signOut.isError && (
            <Alert color="red" role="alert" mb="md" withCloseButton onClose={() => signOut.reset()}>
              {errorMessage(signOut.error)}
            </Alert>
          )}
          {switchError && (
            <Alert color="red" role="alert" mb="md" withCloseButton onClose={() => setSwitchError(null)}>
              {switchError}
            </Alert>
          )}
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
