import { Loader, Stack } from '@mantine/core';
import { useState } from 'react';
import { Section } from '../customers/Section.tsx';
import { SingleChips } from '../vocabulary/ColourChips.tsx';
import {
  CUSTOMER_FIELD_OPTIONS,
  type FilePreview,
  FORMAT_GUESS,
  FORMAT_LABEL,
  fileProblem,
  formatBytes,
  mapsAName,
  PREVIEW_BYTES,
  previewFile,
  readStart,
} from './import-file.ts';
import { type ColumnMapping, type ImportFormat, useImportLimits } from './imports.api.ts';
import { MappingTable } from './MappingTable.tsx';
import { FileDrop, ImportLayout, UploadControls, useUpload } from './Upload.tsx';

const ACCEPT = '.csv,.txt,.tsv,.vcf,.vcard,text/csv,text/plain,text/vcard,text/x-vcard';
const FORMATS = (['shopify', 'csv', 'vcard'] as const).map((f) => ({ value: f, label: FORMAT_LABEL[f] }));
const KINDS = ['customers'] as const;

/** What the person has chosen so far; kept whatever goes wrong, so a retry needs nothing again. */
interface Draft {
  file: File;
  preview: FilePreview;
  format: ImportFormat;
  mapping: ColumnMapping;
}

/**
 * `/customers/import` (owners and managers): brings a customer list in from a Shopify export, any
 * CSV (after saying which column is which) or vCard contacts, then shows what happened row by row.
 * The chosen file and mapping are kept while a report is open, so "Back to my file" needs nothing again.
 */
export function ImportPage() {
  const [draft, setDraft] = useState<Draft | null>(null);
  return (
    <ImportLayout
      title="Import customers"
      kinds={KINDS}
      back={{ to: '/customers', label: 'Back to customers', goLabel: 'Go to customers' }}
      againLabel={draft ? 'Back to my file' : 'Import another file'}
    >
      {(showReport) => (
        <ImportForm
          draft={draft}
          setDraft={setDraft}
          onImported={(id) => {
            setDraft(null);
            showReport(id);
          }}
        />
      )}
    </ImportLayout>
  );
}

function ImportForm(props: { draft: Draft | null; setDraft: (d: Draft | null) => void; onImported: (id: string) => void }) {
  const { draft, setDraft } = props;
  const limits = useImportLimits();
  const maxBytes = limits.data?.maxBytes ?? null;
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const upload = useUpload('customers');
  const { busy } = upload;

  async function choose(file: File | null) {
    if (!file || busy) return;
    setFileError(null);
    setMappingError(null);
    upload.reset();
    const problem = fileProblem(file, maxBytes, 'Split it into smaller files.');
    if (problem) {
      setDraft(null);
      setFileError(problem);
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

  async function start() {
    if (!draft || busy) return;
    if (draft.format === 'csv' && !mapsAName(draft.mapping)) {
      setMappingError('Choose which column holds the name: set one to First name, Last name or Full name.');
      return;
    }
    setMappingError(null);
    const id = await upload.send(draft.file, {
      format: draft.format,
      mapping: draft.format === 'csv' ? draft.mapping : undefined,
    });
    if (id) props.onImported(id);
  }

  const limit = maxBytes !== null ? `up to ${formatBytes(maxBytes)}` : limits.isError ? '' : 'checking the size limit…';
  return (
    <Section id="import-file-heading" title="Choose a file">
      <FileDrop
        label="Customer file"
        description={`A Shopify customer export, any spreadsheet saved as CSV, or vCard contacts (.vcf)${limit ? `, ${limit}` : ''}. You can also drop the file here.`}
        accept={ACCEPT}
        file={draft?.file ?? null}
        onFile={(f) => void choose(f)}
        error={fileError}
        readOnly={busy}
        rightSection={reading ? <Loader size="sm" aria-hidden="true" /> : null}
      />

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
              options={CUSTOMER_FIELD_OPTIONS}
              help="Ones guessed from the headings of your file. Set each column to the customer detail it holds, or to “Don’t import”. One column must hold the name."
              error={mappingError}
              disabled={busy}
              onChange={(mapping) => {
                setDraft({ ...draft, mapping: mapping as ColumnMapping });
                if (mapsAName(mapping)) setMappingError(null);
              }}
            />
          )}
          <UploadControls upload={upload} kind="customers" file={draft.file} disabled={reading} onStart={() => void start()} />
        </Stack>
      )}
    </Section>
  );
}
