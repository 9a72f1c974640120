import { Alert, Box, Button, FileInput, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { Page } from '../../ui/Page.tsx';
import { ErrorState } from '../../ui/states.tsx';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import { SingleChips } from '../vocabulary/ColourChips.tsx';
import { ImportReportView, UploadProgressBar } from './ImportReport.tsx';
import {
  type FilePreview,
  FORMAT_GUESS,
  FORMAT_LABEL,
  formatBytes,
  mapsAName,
  PREVIEW_BYTES,
  previewFile,
  readStart,
} from './import-file.ts';
import {
  type ColumnMapping,
  IMPORTS_KEY,
  type ImportFormat,
  importKey,
  uploadImport,
  useImport,
  useImportLimits,
  useImports,
} from './imports.api.ts';
import { MappingTable } from './MappingTable.tsx';
import { RecentImports } from './RecentImports.tsx';

const ACCEPT = '.csv,.txt,.tsv,.vcf,.vcard,text/csv,text/plain,text/vcard,text/x-vcard';
const FORMATS = (['shopify', 'csv', 'vcard'] as const).map((f) => ({ value: f, label: FORMAT_LABEL[f] }));

/** What the person has chosen so far; kept whatever goes wrong, so a retry needs nothing again. */
interface Draft {
  file: File;
  preview: FilePreview;
  format: ImportFormat;
  mapping: ColumnMapping;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'finishing' }
  | { kind: 'failed'; error: unknown };

/**
 * `/customers/import` (owners and managers): brings a customer list in from a Shopify export, any
 * CSV (after saying which column is which) or vCard contacts, then shows what happened row by row.
 */
export function ImportPage() {
  const [params, setParams] = useSearchParams();
  const reportId = params.get('report');
  const report = useImport(reportId);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  // A report that opens (after an import, or from the list) takes the focus, so it is announced.
  useEffect(() => {
    if (reportId) {
      window.scrollTo({ top: 0 });
      reportHeading.current?.focus({ preventScroll: true });
    }
  }, [reportId]);

  const showReport = (id: string) => setParams({ report: id });
  const onImported = (id: string) => {
    setDraft(null);
    showReport(id);
  };

  return (
    <Page
      title="Import customers"
      actions={
        reportId ? null : (
          <LinkButton to="/customers" variant="default">
            Back to customers
          </LinkButton>
        )
      }
    >
      {reportId ? (
        <Stack gap="md">
          {report.isError ? (
            <ErrorState error={report.error} onRetry={() => report.refetch()} title="This import could not be opened" />
          ) : null}
          <ImportReportView key={reportId} report={report.data} headingRef={reportHeading} pending={report.isPending} />
          <Group gap="sm">
            <Button onClick={() => setParams({})}>{draft ? 'Back to my file' : 'Import another file'}</Button>
            <LinkButton to="/customers" variant="default">
              Go to customers
            </LinkButton>
          </Group>
        </Stack>
      ) : (
        <ImportForm
          draft={draft}
          setDraft={setDraft}
          onImported={(id) => {
            void queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] });
            onImported(id);
          }}
        />
      )}
      <RecentImports selected={reportId} onOpen={showReport} />
    </Page>
  );
}

/** After the last byte has left: the server's own progress on the file, from the list it keeps. */
function Finishing({ fileName }: { fileName: string }) {
  const imports = useImports();
  const running = imports.data?.find((r) => r.status === 'running' && r.fileName === fileName);
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="nowrap" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden="true" style={{ flexShrink: 0 }} />
        <Text>Finishing… Ones is adding the customers. This page shows the report when it is done.</Text>
      </Group>
      {running?.bytesTotal ? (
        <UploadProgressBar label="Adding the customers" loaded={running.bytesRead} total={running.bytesTotal} />
      ) : null}
    </Stack>
  );
}

function ImportForm(props: { draft: Draft | null; setDraft: (d: Draft | null) => void; onImported: (id: string) => void }) {
  const { draft, setDraft } = props;
  const limits = useImportLimits();
  const queryClient = useQueryClient();
  const maxBytes = limits.data?.maxBytes ?? null;
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'finishing';

  // Leaving the page cancels an upload still going.
  useEffect(() => () => abort.current?.abort(), []);

  async function choose(file: File | null) {
    if (!file || busy) return;
    setFileError(null);
    setMappingError(null);
    setPhase({ kind: 'idle' });
    if (maxBytes !== null && file.size > maxBytes) {
      setDraft(null);
      setFileError(
        `“${file.name}” is ${formatBytes(file.size)}; Ones takes files up to ${formatBytes(maxBytes)}. Split it into smaller files.`,
      );
      return;
    }
    if (file.size === 0) {
      setDraft(null);
      setFileError(`“${file.name}” is empty. Choose another file.`);
      return;
    }
    setReading(true);
    try {
      const preview = previewFile(file.name, await readStart(file), file.size > PREVIEW_BYTES);
      if (preview.format !== 'vcard' && preview.columns.length === 0) {
        setDraft(null);
        setFileError(`Ones found no columns in “${file.name}”. Choose a CSV or vCard file.`);
        return;
      }
      setDraft({ file, preview, format: preview.format, mapping: preview.guessed });
    } catch {
      setDraft(null);
      setFileError(`“${file.name}” could not be read. Choose it again, or another file.`);
    } finally {
      setReading(false);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    void choose(e.dataTransfer.files[0] ?? null);
  }

  async function start() {
    if (!draft || busy) return;
    if (draft.format === 'csv' && !mapsAName(draft.mapping)) {
      setMappingError('Choose which column holds the name: set one to First name, Last name or Full name.');
      return;
    }
    setMappingError(null);
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'uploading', loaded: 0, total: draft.file.size });
    try {
      const report = await uploadImport(draft.file, {
        format: draft.format,
        mapping: draft.format === 'csv' ? draft.mapping : undefined,
        signal: controller.signal,
        onProgress: (p) => setPhase({ kind: 'uploading', loaded: p.loaded, total: p.total }),
        onUploaded: () => {
          setPhase({ kind: 'finishing' });
          // The running import shows in the list below, with its progress.
          void queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] });
        },
      });
      queryClient.setQueryData(importKey(report.id), report);
      setPhase({ kind: 'idle' });
      props.onImported(report.id);
    } catch (err) {
      setPhase(err instanceof ApiError && err.code === 'aborted' ? { kind: 'idle' } : { kind: 'failed', error: err });
    } finally {
      abort.current = null;
    }
  }

  const limit = maxBytes !== null ? `up to ${formatBytes(maxBytes)}` : limits.isError ? '' : 'checking the size limit…';
  return (
    <Section id="import-file-heading" title="Choose a file">
      <Box
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
        p="md"
        style={{ border: '2px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)' }}
      >
        <FileInput
          size="md"
          label="Customer file"
          description={`A Shopify customer export, any spreadsheet saved as CSV, or vCard contacts (.vcf)${limit ? `, ${limit}` : ''}. You can also drop the file here.`}
          placeholder="Choose a file…"
          // Mantine draws this placeholder as text, so it must keep the 4.5:1 contrast of text.
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          accept={ACCEPT}
          value={draft?.file ?? null}
          onChange={(f) => void choose(f)}
          error={fileError}
          readOnly={busy}
          rightSection={reading ? <Loader size="sm" aria-hidden="true" /> : null}
        />
      </Box>

      {draft && (
        <Stack gap="md">
          <SingleChips
            label="What kind of file is it?"
            description={`“${draft.file.name}” (${formatBytes(draft.file.size)}) looks like ${FORMAT_GUESS[draft.preview.format]}. Change it if not.`}
            options={FORMATS}
            value={draft.format}
            onChange={(v) => {
              setMappingError(null);
              setDraft({ ...draft, format: v as ImportFormat });
            }}
          />
          {draft.format === 'csv' && (
            <MappingTable
              columns={draft.preview.columns}
              mapping={draft.mapping}
              error={mappingError}
              disabled={busy}
              onChange={(mapping) => {
                setDraft({ ...draft, mapping });
                if (mapsAName(mapping)) setMappingError(null);
              }}
            />
          )}

          {phase.kind === 'uploading' && <UploadProgressBar label="Sending the file" loaded={phase.loaded} total={phase.total} />}
          {phase.kind === 'finishing' && <Finishing fileName={draft.file.name} />}
          {phase.kind === 'failed' && (
            <Alert color="red" role="alert" variant="light" title="The import did not happen">
              <Text>{phase.error instanceof ApiError ? phase.error.message : 'Something went wrong. Try again.'}</Text>
            </Alert>
          )}

          <Group gap="sm">
            <Button onClick={() => void start()} disabled={busy || reading}>
              {busy ? 'Importing…' : phase.kind === 'failed' ? 'Try again' : `Import ${draft.file.name}`}
            </Button>
            {phase.kind === 'uploading' && (
              <Button variant="default" onClick={() => abort.current?.abort()}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Section>
  );
}
