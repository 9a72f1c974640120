import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { dateTime } from '../customers/format.ts';
import { Section } from '../customers/Section.tsx';
import { countsLine, KIND_LABEL, StatusBadge } from './ImportReport.tsx';
import { bytesOf, percent } from './import-file.ts';
import { type ImportKind, useImports } from './imports.api.ts';

/** The retailer's recent imports, newest first; one opens its report. Running ones show how far they are. */
export function RecentImports({
  kinds,
  selected,
  onOpen,
}: {
  kinds: readonly ImportKind[];
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  const me = useSignedIn();
  const imports = useImports(kinds);
  return (
    <Section id="recent-imports-heading" title="Recent imports">
      {imports.isPending ? (
        <LoadingState label="Loading recent imports…" />
      ) : imports.isError ? (
        <ErrorState error={imports.error} onRetry={() => imports.refetch()} title="Recent imports could not be loaded" />
      ) : imports.data.length === 0 ? (
        <Empty title="No imports yet" description="Files you import show here, with what happened to each row." />
      ) : (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="recent-imports-heading">
          {imports.data.map((r) => {
            const current = r.id === selected;
            return (
              <li key={r.id}>
                <UnstyledButton
                  onClick={() => onOpen(r.id)}
                  aria-current={current ? 'true' : undefined}
                  p="sm"
                  w="100%"
                  style={{
                    display: 'block',
                    minHeight: 64,
                    borderRadius: 'var(--mantine-radius-md)',
                    border: `1px solid var(--mantine-color-${current ? 'moss-7' : 'gray-3'})`,
                    background: current ? 'var(--mantine-color-moss-0)' : 'var(--mantine-color-white)',
                  }}
                >
                  <Stack gap={2}>
                    <Group gap="xs" wrap="wrap" justify="space-between">
                      <Text fw={650} style={{ overflowWrap: 'anywhere' }}>
                        {r.fileName}
                      </Text>
                      <StatusBadge status={r.status} />
                    </Group>
                    <Text size="sm" c="dimmed">
                      {kinds.length > 1 ? `${KIND_LABEL[r.kind]}${r.store ? ` for ${r.store.name}` : ''} · ` : ''}
                      {dateTime(r.startedAt, me.retailer.locale)}
                      {r.startedBy ? ` · ${r.startedBy.name}` : ''}
                    </Text>
                    <Text size="sm">
                      {r.status === 'running' && r.bytesTotal
                        ? `Reading: ${percent(r.bytesRead, r.bytesTotal)}% (${bytesOf(r.bytesRead, r.bytesTotal)}) · `
                        : ''}
                      {countsLine(r, me.retailer.locale)}
                    </Text>
                  </Stack>
                </UnstyledButton>
              </li>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
