import { Alert, Box, Button, FileInput, type FileInputProps, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { Page } from '../../ui/Page.tsx';
import { ErrorState } from '../../ui/states.tsx';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Finishing, ImportReportView, UploadProgressBar } from './ImportReport.tsx';
import { IMPORTS_KEY, type ImportKind, importKey, uploadImport, useImport } from './imports.api.ts';
import { RecentImports } from './RecentImports.tsx';

export type UploadPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'finishing' }
  | { kind: 'failed'; error: unknown };

/**
 * Sending one file to an import route: the phase (sending with progress, finishing on the server,
 * failed), cancel, and the report id when it is done. Leaving the page cancels an upload still going.
 */
export function useUpload(kind: ImportKind) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const busy = phase.kind === 'uploading' || phase.kind === 'finishing';

  /** The new report's id, or null when it was cancelled or failed (the phase then says why). */
  async function send(file: File, query: Record<string, string | object | undefined>): Promise<string | null> {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    try {
      const report = await uploadImport(kind, file, {
        query,
        signal: controller.signal,
        onProgress: (p) => setPhase({ kind: 'uploading', loaded: p.loaded, total: p.total }),
        onUploaded: () => {
          setPhase({ kind: 'finishing' });
          // The running import shows in the list, with its progress.
          void queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] });
        },
      });
      queryClient.setQueryData(importKey(report.id), report);
      void queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] });
      setPhase({ kind: 'idle' });
      return report.id;
    } catch (err) {
      setPhase(err instanceof ApiError && err.code === 'aborted' ? { kind: 'idle' } : { kind: 'failed', error: err });
      return null;
    } finally {
      abort.current = null;
    }
  }

  return { phase, busy, send, cancel: () => abort.current?.abort(), reset: () => setPhase({ kind: 'idle' }) };
}

/** How the sending goes, and the start and cancel buttons. */
export function UploadControls(props: {
  upload: ReturnType<typeof useUpload>;
  kind: ImportKind;
  file: File;
  disabled?: boolean;
  onStart: () => void;
}) {
  const { phase, busy } = props.upload;
  return (
    <>
      {phase.kind === 'uploading' && <UploadProgressBar label="Sending the file" loaded={phase.loaded} total={phase.total} />}
      {phase.kind === 'finishing' && <Finishing kind={props.kind} fileName={props.file.name} />}
      {phase.kind === 'failed' && (
        <Alert color="red" role="alert" variant="light" title="The import did not happen">
          <Text>{phase.error instanceof ApiError ? phase.error.message : 'Something went wrong. Try again.'}</Text>
        </Alert>
      )}
      <Group gap="sm">
        <Button onClick={props.onStart} disabled={busy || props.disabled}>
          {busy ? 'Importing…' : phase.kind === 'failed' ? 'Try again' : `Import ${props.file.name}`}
        </Button>
        {phase.kind === 'uploading' && (
          <Button variant="default" onClick={props.upload.cancel}>
            Cancel
          </Button>
        )}
      </Group>
    </>
  );
}

/** A file input inside a dashed area a file can also be dropped on. */
export function FileDrop(props: Omit<FileInputProps, 'onChange' | 'value'> & { file: File | null; onFile: (file: File | null) => void }) {
  const { file, onFile, ...input } = props;
  return (
    <Box
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onFile(e.dataTransfer.files[0] ?? null);
      }}
      p="md"
      style={{ border: '2px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)' }}
    >
      <FileInput
        size="md"
        placeholder="Choose a file…"
        // Mantine draws this placeholder as text, so it must keep the 4.5:1 contrast of text.
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        value={file}
        onChange={onFile}
        {...input}
      />
    </Box>
  );
}

/**
 * An import screen: the form (given `onImported`), or the report of the import in `?report=`, and
 * the recent imports of its kinds. A report that opens takes the focus, so it is announced.
 */
export function ImportLayout(props: {
  title: string;
  kinds: readonly ImportKind[];
  back: { to: string; label: string; goLabel: string };
  /** The report's first button, e.g. "Back to my file" when a draft is kept. */
  againLabel: string;
  children: (onImported: (id: string) => void) => ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const reportId = params.get('report');
  const report = useImport(reportId);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (reportId) {
      window.scrollTo({ top: 0 });
      reportHeading.current?.focus({ preventScroll: true });
    }
  }, [reportId]);

  const showReport = (id: string) => setParams({ report: id });
  return (
    <Page
      title={props.title}
      actions={
        reportId ? null : (
          <LinkButton to={props.back.to} variant="default">
            {props.back.label}
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
            <Button onClick={() => setParams({})}>{props.againLabel}</Button>
            <LinkButton to={props.back.to} variant="default">
              {props.back.goLabel}
            </LinkButton>
          </Group>
        </Stack>
      ) : (
        props.children(showReport)
      )}
      <RecentImports kinds={props.kinds} selected={reportId} onOpen={showReport} />
    </Page>
  );
}
