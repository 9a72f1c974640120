import { Badge, Box, Button, Card, Group, Loader, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type Ref, useState } from 'react';
import { LoadingState } from '../../ui/states.tsx';
import { can, useSignedIn } from '../auth/me-context.ts';
import { dateTime } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { bytesOf, errorsCsv, errorsFileName, FORMAT_LABEL, percent } from './import-file.ts';
import { type ImportKind, type ImportReport, useImports } from './imports.api.ts';

const PAGE = 50;

export const KIND_LABEL: Record<ImportKind, string> = {
  customers: 'Customers',
  products: 'Products',
  stock: 'Stock count',
  sales: 'Sales history',
  reviews: 'Reviews',
};

/** "Shopify product export", "Sales history (one line per row)". */
export function formatLabel(r: Pick<ImportReport, 'kind' | 'format'>): string {
  if (r.kind === 'customers' && (r.format === 'shopify' || r.format === 'csv' || r.format === 'vcard')) return FORMAT_LABEL[r.format];
  if (r.format === 'shopify') return 'Shopify product export';
  if (r.format === 'online-retail') return 'Sales history, one sale line per row';
  return 'CSV (spreadsheet)';
}

/** The figures of a report, labelled for its kind. */
function figures(r: ImportReport): { label: string; value: number }[] {
  const d = r.details;
  switch (r.kind) {
    case 'customers':
      return [
        { label: 'Rows read', value: r.rows },
        { label: 'Added as new customers', value: r.created },
        { label: 'Already in the book', value: r.matched },
        { label: 'Empty rows skipped', value: r.empty },
        { label: 'Could not be imported', value: r.failed },
      ];
    case 'products':
      return [
        { label: 'Rows read', value: r.rows },
        { label: 'Products added', value: r.created },
        { label: 'Variants added', value: d.variants ?? 0 },
        { label: 'Already in the catalog', value: r.matched },
        { label: 'Could not be imported', value: r.failed },
      ];
    case 'stock':
      return [
        { label: 'Lines read', value: r.rows },
        { label: 'Counts that changed stock', value: r.created },
        { label: 'Already right', value: r.matched },
        { label: 'Could not be counted', value: r.failed },
      ];
    case 'sales':
      return [
        { label: 'Lines read', value: r.rows },
        { label: 'Invoices', value: d.invoices ?? 0 },
        { label: 'Sales and returns recorded', value: r.created },
        { label: 'Already recorded', value: r.matched },
        { label: 'New products', value: d.products ?? 0 },
        { label: 'New customers', value: d.customers ?? 0 },
        { label: 'Could not be imported', value: r.failed },
      ];
    case 'reviews':
      return [
        { label: 'Rows read', value: r.rows },
        { label: 'Reviews added', value: r.created },
        { label: 'Already imported', value: r.matched },
        { label: 'Product not in the catalog', value: d.unmapped ?? 0 },
        { label: 'Could not be imported', value: r.failed },
      ];
  }
}
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

/** "3 rows read · 2 added as new customers · 0 already in the book · …": the report's figures in one line. */
export function countsLine(r: ImportReport, locale: string): string {
  const n = new Intl.NumberFormat(locale);
  return figures(r)
    .map((f) => `${n.format(f.value)} ${f.label.toLowerCase()}`)
    .join(' · ');
}

/** After the last byte has left: the server's own progress on the file, from the list it keeps. */
export function Finishing({ kind, fileName }: { kind: ImportKind; fileName: string }) {
  const imports = useImports([kind]);
  const running = imports.data?.find((r) => r.status === 'running' && r.fileName === fileName);
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="nowrap" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden="true" style={{ flexShrink: 0 }} />
        <Text>
          Finishing… Ones is reading the rest of the file{running ? ` (${running.rows.toLocaleString()} rows so far)` : ''}. This page shows
          the report when it is done.
        </Text>
      </Group>
      {running?.bytesTotal ? <UploadProgressBar label="Reading the file" loaded={running.bytesRead} total={running.bytesTotal} /> : null}
    </Stack>
  );
}

/** A table of rows by line (failed, or kept with a remark), a page at a time. */
function LinesTable(props: { id: string; lines: ImportReport['errors'] }) {
  const [shown, setShown] = useState(PAGE);
  const me = useSignedIn();
  const n = new Intl.NumberFormat(me.retailer.locale);
  return (
    <>
      <Box style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" aria-labelledby={props.id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Line</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.lines.slice(0, shown).map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one line may fail for several reasons
              <Table.Tr key={`${e.line}-${i}`}>
                <Table.Td>{e.line}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.reason.charAt(0).toUpperCase() + e.reason.slice(1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      {props.lines.length > shown && (
        <Button variant="default" w="fit-content" onClick={() => setShown((s) => s + PAGE)}>
          Show {Math.min(PAGE, props.lines.length - shown)} more of {n.format(props.lines.length - shown)}
        </Button>
      )}
    </>
  );
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
              {formatLabel(r)}
              {r.store ? ` for ${r.store.name}` : ''} · started {dateTime(r.startedAt, me.retailer.locale)}
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
              {figures(r).map((f) => (
                <Stat key={f.label} label={f.label} value={n.format(f.value)} />
              ))}
            </SimpleGrid>
            {r.kind === 'sales' && r.status === 'completed' && r.created > 0 && can(me, 'catalog.edit') && (
              <Group gap="sm" align="center" wrap="wrap">
                <Text>New sales teach Ones what is bought together.</Text>
                <LinkButton to="/catalog/pairings" variant="default">
                  Learn pairings from them
                </LinkButton>
              </Group>
            )}
            {(r.details.unmappedProducts?.length ?? 0) > 0 && (
              <Stack gap="sm">
                <Title order={3} size="h4" id="import-unmapped-heading">
                  Product ids the catalog does not have
                </Title>
                <Text size="sm" c="dimmed">
                  Their reviews were kept, about no product; most reviewed first. A mapping from these ids to SKUs or handles places the
                  reviews of files imported with it.
                </Text>
                <Stack component="ul" gap={2} m={0} pl="md" aria-labelledby="import-unmapped-heading">
                  {r.details.unmappedProducts?.map((p) => (
                    <Text component="li" key={p.ref}>
                      {p.ref} · {n.format(p.reviews)} {p.reviews === 1 ? 'review' : 'reviews'}
                    </Text>
                  ))}
                </Stack>
              </Stack>
            )}
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
                <LinesTable id="import-errors-heading" lines={r.errors} />
              </Stack>
            )}
            {r.warnings.length > 0 && (
              <Stack gap="sm">
                <Title order={3} size="h4" id="import-warnings-heading">
                  Imported, with something left out
                </Title>
                <LinesTable id="import-warnings-heading" lines={r.warnings} />
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
