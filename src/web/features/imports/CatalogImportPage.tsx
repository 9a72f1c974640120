import { Alert, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import {
  guessProductMapping,
  isShopifyProductHeader,
  PRODUCT_FIELD_LABELS,
  PRODUCT_FIELDS,
  type ProductField,
  type ProductMapping,
} from '../../../shared/formats/product-columns.ts';
import { IMPORT_PERMISSION } from '../../../shared/imports.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { Section } from '../customers/Section.tsx';
import { SingleChips } from '../vocabulary/ColourChips.tsx';
import { type FilePreview, fileProblem, formatBytes, PREVIEW_BYTES, previewFile, readStart } from './import-file.ts';
import { type ImportKind, useImportLimits } from './imports.api.ts';
import { MappingTable } from './MappingTable.tsx';
import { FileDrop, ImportLayout, UploadControls, useUpload } from './Upload.tsx';

type CatalogKind = Extract<ImportKind, 'products' | 'stock' | 'sales'>;
const CATALOG_KINDS: readonly CatalogKind[] = ['products', 'stock', 'sales'];

const CHOICES: Record<CatalogKind, { label: string; help: string; file: string }> = {
  products: {
    label: 'Products',
    help: 'A Shopify product export (variants on the rows that share a Handle), or any spreadsheet saved as CSV, one variant per row. Products already in the catalog (same handle) are left as they are.',
    file: 'Product file',
  },
  stock: {
    label: 'Stock count',
    help: 'A CSV with a SKU (or barcode) column and a quantity column: each line sets the units on hand in the store. Counting the same file again moves nothing.',
    file: 'Stock count file',
  },
  sales: {
    label: 'Sales history',
    help: 'A till’s history, one sale line per row: invoice, stock code, description, quantity, date, unit price, customer and country (the Online Retail layout). Invoices starting with C are returns. It creates the products and customers it names; invoices already recorded are skipped. A .gz or .br file is unpacked as it is read.',
    file: 'Sales history file',
  },
};

const PRODUCT_OPTIONS = PRODUCT_FIELDS.map((f) => ({ value: f, label: PRODUCT_FIELD_LABELS[f] }));
const NO_STORE = '';

interface Draft {
  file: File;
  /** Products only: the columns, and whether Shopify's headings were found. */
  preview: FilePreview | null;
  shopify: boolean;
  mapping: ProductMapping;
}

/**
 * `/catalog/import`: brings products (Shopify export or mapped CSV), stock counts and a till's
 * sales history in, with progress while the file goes up and is read, then the report row by row.
 * Each person sees the kinds their role may import.
 */
export function CatalogImportPage() {
  const me = useSignedIn();
  const kinds = CATALOG_KINDS.filter((k) => can(me, IMPORT_PERMISSION[k]));
  return (
    <ImportLayout
      title="Import catalog, stock and sales"
      kinds={kinds}
      back={{ to: '/catalog', label: 'Back to the catalog', goLabel: 'Go to the catalog' }}
      againLabel="Import another file"
    >
      {(showReport) => <ImportForm kinds={kinds} onImported={showReport} />}
    </ImportLayout>
  );
}

function ImportForm({ kinds, onImported }: { kinds: CatalogKind[]; onImported: (id: string) => void }) {
  const me = useSignedIn();
  const limits = useImportLimits();
  const maxBytes = limits.data?.maxBytes ?? null;
  const [kind, setKind] = useState<CatalogKind>(kinds[0] ?? 'stock');
  const [storeId, setStoreId] = useState<string>(me.currentStoreId ?? me.stores[0]?.id ?? NO_STORE);
  const [productStore, setProductStore] = useState<string>(NO_STORE);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const upload = useUpload(kind);
  const { busy } = upload;

  if (kinds.length === 0)
    return (
      <Alert color="gray" variant="light" title="Nothing to import">
        <Text>Your role does not import catalog, stock or sales files. Ask an owner or store manager.</Text>
      </Alert>
    );

  const packed = (name: string) => /\.(gz|br)$/i.test(name);

  async function choose(file: File | null) {
    if (!file || busy) return;
    setFileError(null);
    setMappingError(null);
    upload.reset();
    const problem = fileProblem(file, maxBytes, 'Compress it with gzip, or use the command line.');
    if (problem) {
      setDraft(null);
      setFileError(problem);
      return;
    }
    if (packed(file.name)) {
      setDraft({ file, preview: null, shopify: false, mapping: {} });
      return;
    }
    setReading(true);
    try {
      const preview = previewFile(file.name, await readStart(file), file.size > PREVIEW_BYTES);
      if (preview.columns.length === 0) {
        setDraft(null);
        setFileError(`Ones found no columns in “${file.name}”. Choose a CSV file.`);
        return;
      }
      const header = preview.columns.map((c) => c.header);
      setDraft({ file, preview, shopify: isShopifyProductHeader(header), mapping: guessProductMapping(header) });
    } catch {
      setDraft(null);
      setFileError(`“${file.name}” could not be read. Choose it again, or another file.`);
    } finally {
      setReading(false);
    }
  }

  const mapped = (field: ProductField) => Object.values(draft?.mapping ?? {}).includes(field);
  const needsMapping = kind === 'products' && draft !== null && draft.preview !== null && !draft.shopify;

  async function start() {
    if (!draft || busy) return;
    if (kind !== 'products' && !storeId) return;
    if (needsMapping && !(mapped('title') && mapped('price'))) {
      setMappingError('Choose the columns that hold the product title and the price.');
      return;
    }
    setMappingError(null);
    const query =
      kind === 'products' ? { store: productStore || undefined, mapping: needsMapping ? draft.mapping : undefined } : { store: storeId };
    const id = await upload.send(draft.file, query);
    if (id) {
      setDraft(null);
      onImported(id);
    }
  }

  const stores = me.stores.map((s) => ({ value: s.id, label: s.name }));
  const limit = maxBytes !== null ? `, up to ${formatBytes(maxBytes)}` : '';
  return (
    <Section id="catalog-import-heading" title="Choose what to import">
      <Stack gap="md">
        {kinds.length > 1 && (
          <SingleChips
            label="What is in the file?"
            options={kinds.map((k) => ({ value: k, label: CHOICES[k].label }))}
            value={kind}
            onChange={(v) => {
              if (busy) return;
              setKind(v as CatalogKind);
              upload.reset();
              setMappingError(null);
            }}
          />
        )}
        <Text id="import-kind-help">{CHOICES[kind].help}</Text>
        {kind === 'products' ? (
          <NativeSelect
            size="md"
            label="Count the file’s quantities into"
            description="Shopify’s “Variant Inventory Qty”, or the column you map to Quantity on hand"
            data={[{ value: NO_STORE, label: 'No store: leave stock as it is' }, ...stores]}
            value={productStore}
            onChange={(e) => setProductStore(e.currentTarget.value)}
            disabled={busy}
            maw={420}
          />
        ) : (
          <NativeSelect
            size="md"
            label={kind === 'stock' ? 'Store counted' : 'Store the sales were made in'}
            data={stores}
            value={storeId}
            onChange={(e) => setStoreId(e.currentTarget.value)}
            disabled={busy}
            maw={420}
            error={stores.length === 0 ? 'You do not work in any store yet.' : undefined}
          />
        )}
        <FileDrop
          label={CHOICES[kind].file}
          description={`CSV${kind === 'sales' ? ', or CSV packed as .gz or .br' : ''}${limit}. You can also drop the file here.`}
          accept={kind === 'sales' ? '.csv,.txt,.gz,.br,text/csv,text/plain' : '.csv,.txt,text/csv,text/plain'}
          file={draft?.file ?? null}
          onFile={(f) => void choose(f)}
          error={fileError}
          readOnly={busy}
          rightSection={reading ? <Loader size="sm" aria-hidden="true" /> : null}
        />

        {draft && kind === 'products' && draft.preview && (
          <Text>
            {draft.shopify
              ? `“${draft.file.name}” is a Shopify product export: its columns are read as Shopify names them.`
              : `“${draft.file.name}” is not a Shopify export. Say which column is which.`}
          </Text>
        )}
        {needsMapping && draft?.preview && (
          <MappingTable
            columns={draft.preview.columns}
            mapping={draft.mapping}
            options={PRODUCT_OPTIONS}
            help="Ones guessed from the headings of your file. Rows sharing a handle become variants of one product; without a handle column each row is a product. The title and the price must be mapped."
            error={mappingError}
            disabled={busy}
            onChange={(mapping) => {
              setDraft({ ...draft, mapping });
              setMappingError(null);
            }}
          />
        )}

        {draft && (
          <UploadControls
            upload={upload}
            kind={kind}
            file={draft.file}
            disabled={reading || (kind !== 'products' && !storeId)}
            onStart={() => void start()}
          />
        )}
      </Stack>
    </Section>
  );
}
