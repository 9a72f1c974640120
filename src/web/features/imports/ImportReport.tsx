import { Badge, Box, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type Ref, useState } from 'react';
import { LoadingState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { dateTime } from '../customers/format.ts';
import { bytesOf, errorsCsv, errorsFileName, FORMAT_LABEL, percent } from './import-file.ts';
import type { ImportReport } from './imports.api.ts';

const PAGE = 50;
const STATUS: Record<ImportReport['status'], { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue.9' },
  completed: { label: 'Completed', color: 'moss.8' },
  failed: { label: 'Failed', color: 'red.9' },
};

export function StatusBadge({ status }: { status: ImportReport['status'] }) {
  return (
    <Badge variant="outline" color={STATUS[status].color}>
      {STATUS[status].label}
    </Badge>
  );
}

/** A labelled progress bar with the percent and "12.3 of 48.0 MB", announced as it moves. */
export function UploadProgressBar({ label, loaded, total }: { label: string; loaded: number; total: number }) {
  const pct = percent(loaded, total);
  const text = `${pct}% · ${bytesOf(loaded, total)}`;
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="sm">
        <Text fw={600}>{label}</Text>
        <Text>{text}</Text>
      </Group>
      {/* The bar itself carries the role: the coloured section is 0 px wide at the start. */}
      <Progress.Root
        size="xl"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
      >
        <Progress.Section value={pct} withAria={false} />
      </Progress.Root>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="xl" fw={650}>
        {value}
      </Text>
    </div>
  );
}

/** "1,204 rows: 1,100 added, 80 already in the book, 4 empty, 20 failed". */
export function countsLine(r: ImportReport, locale: string): string {
  const n = new Intl.NumberFormat(locale);
  return `${n.format(r.rows)} row${r.rows === 1 ? '' : 's'}: ${n.format(r.created)} added, ${n.format(r.matched)} already in the book, ${n.format(r.empty)} empty, ${n.format(r.failed)} failed`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * What an import did: the counts, the rows that failed with their line in the file (downloadable
 * as CSV) and, while it runs, how far it has got.
 */
export function ImportReportView(props: { report: ImportReport | undefined; pending: boolean; headingRef: Ref<HTMLHeadingElement> }) {
  const me = useSignedIn();
  const r = props.report;
  const n = new Intl.NumberFormat(me.retailer.locale);
  const [shown, setShown] = useState(PAGE);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-report-heading">
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Title
            order={2}
            size="h3"
            id="import-report-heading"
            ref={props.headingRef}
            tabIndex={-1}
            style={{ outline: 'none', overflowWrap: 'anywhere' }}
          >
            {r ? `Report: ${r.fileName}` : 'Import report'}
          </Title>
          {r && <StatusBadge status={r.status} />}
        </Group>
        {!r ? (
          props.pending ? (
            <LoadingState label="Loading the report…" />
          ) : null
        ) : (
          <>
            <Text c="dimmed">
              {FORMAT_LABEL[r.format]} · started {dateTime(r.startedAt, me.retailer.locale)}
              {r.startedBy ? ` by ${r.startedBy.name}` : ''}
              {r.finishedAt ? ` · finished ${dateTime(r.finishedAt, me.retailer.locale)}` : ''}
            </Text>
            {r.status === 'running' && (
              <UploadProgressBar label="Reading the file" loaded={r.bytesRead} total={r.bytesTotal ?? r.bytesRead} />
            )}
            {r.message && (
              <Text role={r.status === 'failed' ? 'alert' : undefined} c={r.status === 'failed' ? 'var(--mantine-color-error)' : undefined}>
                {r.message}
              </Text>
            )}
            <SimpleGrid component="dl" cols={{ base: 2, sm: 3 }} spacing="md" m={0} aria-label="Counts">
              <Stat label="Rows read" value={n.format(r.rows)} />
              <Stat label="Added as new customers" value={n.format(r.created)} />
              <Stat label="Already in the book" value={n.format(r.matched)} />
              <Stat label="Empty rows skipped" value={n.format(r.empty)} />
              <Stat label="Could not be imported" value={n.format(r.failed)} />
            </SimpleGrid>
            {r.errors.length > 0 && (
              <Stack gap="sm">
                <Group justify="space-between" align="center" gap="sm">
                  <Title order={3} size="h4" id="import-errors-heading">
                    Rows that could not be imported
                  </Title>
                  <Button variant="light" onClick={() => download(errorsFileName(r.fileName), errorsCsv(r.errors))}>
                    Download errors as CSV
                  </Button>
                </Group>
                {r.errors.length < r.failed && (
                  <Text size="sm" c="dimmed">
                    The first {n.format(r.errors.length)} of {n.format(r.failed)} are listed here and in the download.
                  </Text>
                )}
                <Box style={{ overflowX: 'auto' }}>
                  <Table verticalSpacing="xs" aria-labelledby="import-errors-heading">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={80}>Line</Table.Th>
                        <Table.Th>Reason</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.errors.slice(0, shown).map((e, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: one line may fail for several reasons
                        <Table.Tr key={`${e.line}-${i}`}>
                          <Table.Td>{e.line}</Table.Td>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.reason.charAt(0).toUpperCase() + e.reason.slice(1)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Box>
                {r.errors.length > shown && (
                  <Button variant="default" w="fit-content" onClick={() => setShown((s) => s + PAGE)}>
                    Show {Math.min(PAGE, r.errors.length - shown)} more of {n.format(r.errors.length - shown)}
                  </Button>
                )}
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
