import { Card, List, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { ROLE_LABEL } from '../../../shared/domain/roles.ts';
import { Page } from '../../ui/Page.tsx';
import { firstName, useSignedIn } from '../auth/me-context.ts';
import { navFor } from '../shell/nav.ts';

/** What each permission lets a person do, in their words. Areas marked later are not built yet. */
const CAN_DO: { permission: string; text: string }[] = [
  { permission: 'customers.view', text: 'Find customers and see their profiles and notes' },
  { permission: 'selling.run', text: 'Run visits and guided selling' },
  { permission: 'selling.assist', text: 'Join a colleague’s visit to compare and assist' },
  { permission: 'sales.close', text: 'Close sales and offer gestures' },
  { permission: 'margins.view', text: 'See unit costs and margins' },
  { permission: 'stock.move', text: 'Move stock and take deliveries' },
  { permission: 'catalog.edit', text: 'Edit the catalogue, vocabulary and question sets' },
  { permission: 'staff.manage', text: 'Add people to the team and give them reset links' },
  { permission: 'stores.manage', text: 'Open stores and change their details' },
  { permission: 'devices.manage', text: 'Make a tablet a shared store device' },
  { permission: 'tokens.manage', text: 'Create API tokens for other systems' },
];

/** "Good morning" in the store's time zone. */
export function partOfDay(timeZone: string | undefined): string {
  let hour = new Date().getHours();
  try {
    hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(new Date()));
  } catch {
    // An unknown time zone falls back to the browser's clock.
  }
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** "Today": a greeting, where the person is working and what they can do. */
export function HomePage() {
  const me = useSignedIn();
  const store = me.stores.find((s) => s.id === me.currentStoreId);
  const places = navFor(me).filter((item) => item.to !== '/today');
  const abilities = CAN_DO.filter((c) => me.permissions.includes(c.permission));
  return (
    <Page title="Today">
      <Stack gap={4}>
        <Text size="xl" fw={600}>
          {partOfDay(store?.timeZone)}, {firstName(me.staff.name)}.
        </Text>
        <Text c="dimmed">
          {store
            ? `You are working at ${store.name}, ${me.retailer.name}, as ${me.staff.title ?? ROLE_LABEL[me.staff.role]}.`
            : `You are signed in to ${me.retailer.name}, but no store is assigned to you yet. Ask your manager to add you to one.`}
        </Text>
        {me.device && <Text c="dimmed">This tablet is a shared store device: use “Switch person” when you hand it over.</Text>}
      </Stack>

      <section aria-labelledby="places-heading">
        <Title order={2} size="h3" id="places-heading" mb="sm">
          Go to
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          {places.map((item) => (
            <UnstyledButton key={item.to} component={Link} to={item.to} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
              <Card withBorder padding="lg" h="100%">
                <Text fw={650} size="lg">
                  {item.label}
                </Text>
                <Text c="dimmed" size="sm">
                  {item.description}
                </Text>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="role-heading">
        <Title order={2} size="h3" id="role-heading" mb="xs">
          As {ROLE_LABEL[me.staff.role].toLowerCase()}, your role allows you to
        </Title>
        <List spacing={4}>
          {abilities.map((a) => (
            <List.Item key={a.permission}>{a.text}</List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed" mt="sm">
          Visits, sales and stock arrive in later versions of Ones; this list is what your role will allow.
        </Text>
      </section>
    </Page>
  );
}
