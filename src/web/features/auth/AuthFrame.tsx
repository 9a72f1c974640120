import { Box, Paper, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** The centred card around the signed-out screens (sign-in, PIN switch, reset password). */
export function AuthFrame({ title, width = 440, children }: { title: string; width?: number; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Ones`;
  }, [title]);
  return (
    <Box component="main" mih="100vh" px={{ base: 'sm', sm: 'lg' }} py={{ base: 'lg', sm: 48 }} bg="var(--mantine-color-gray-0)">
      <Stack maw={width} mx="auto" gap="md">
        <Text fw={800} size="xl" c="moss.8" ta="center" aria-hidden="true">
          Ones
        </Text>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'md', sm: 'xl' }}>
          {children}
        </Paper>
      </Stack>
    </Box>
  );
}
