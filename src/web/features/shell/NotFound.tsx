import { Button, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../../ui/Page.tsx';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <Text>There is nothing at this address. It may have moved.</Text>
      <Button component={Link} to="/" variant="light" w="fit-content">
        Go to Today
      </Button>
    </Page>
  );
}

export function NotAllowed() {
  return (
    <Page title="Not available to your role">
      <Text>Your role does not include this area. Ask an owner or your store manager if you need it.</Text>
      <Button component={Link} to="/" variant="light" w="fit-content">
        Go to Today
      </Button>
    </Page>
  );
}
