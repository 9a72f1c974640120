import { Alert, Button, Loader, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  guessProductMapping,
  isShopifyProductHeader,
  PRODUCT_FIELD_LABELS,
  PRODUCT_FIELDS,
  type ProductField,
  type ProductMapping,
} from '../../../shared/formats/product-columns.ts';
import { findReviewColumn, readProductMapping } from '../../../shared/formats/review-columns.ts';
import { IMPORT_PERMISSION } from '../../../shared/imports.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { Section } from '../customers/Section.tsx';
import { SingleChips } from '../vocabulary/ColourChips.tsx';
import { type FilePreview, fileProblem, formatBytes, PREVIEW_BYTES, previewFile, readStart } from './import-file.ts';
import { type ImportKind, useImportLimits } from './imports.api.ts';
import { MappingTable } from './MappingTable.tsx';
import { FileDrop, ImportLayout, UploadControls, useUpload } from './Upload.tsx';

type CatalogKind = Extract<ImportKind, 'products' | 'stock' | 'sales' | 'reviews'>;
const CATALOG_KINDS: readonly CatalogKind[] = ['products', 'stock', 'sales', 'reviews'];

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
  reviews: {
    label: 'Reviews',
    help: 'Reviews customers wrote before Ones, one per row: a rating from 1 to 5, a title and text, and the product reviewed. They are kept as feedback of their own kind, apart from the answers customers give after a visit; reviews already imported are skipped.',
    file: 'Review file',
  },
};

/** The most a product mapping may hold to go with an upload (the address carries it); larger ones go by the command line. */
const MAX_MAPPING_CHARS = 20_000;

const PRODUCT_OPTIONS = PRODUCT_FIELDS.map((f) => ({ value: f, label: PRODUCT_FIELD_LABELS[f] }));
const NO_STORE = '';

interface Draft {
  file: File;
  /** Products and reviews: the columns; products: whether Shopify's headings were found. */
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
      title="Import catalog, stock, sales and reviews"
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
  const [reviews, setReviews] = useState<ReviewChoices>(NO_REVIEW_CHOICES);
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
    if ((kind === 'stock' || kind === 'sales') && !storeId) return;
    if (kind === 'reviews' && reviews.productIds?.problem) return;
    if (needsMapping && !(mapped('title') && mapped('price'))) {
      setMappingError('Choose the columns that hold the product title and the price.');
      return;
    }
    setMappingError(null);
    const query =
      kind === 'products'
        ? { store: productStore || undefined, mapping: needsMapping ? draft.mapping : undefined }
        : kind === 'reviews'
          ? reviewQuery(reviews)
          : { store: storeId };
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
        {kind === 'reviews' ? (
          <NativeSelect
            size="md"
            label="The store they are about"
            data={[{ value: NO_STORE, label: 'No store: the shop as a whole' }, ...stores]}
            value={reviews.store}
            onChange={(e) => setReviews({ ...reviews, store: e.currentTarget.value })}
            disabled={busy}
            maw={420}
          />
        ) : kind === 'products' ? (
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

        {draft && kind === 'reviews' && (
          <ReviewOptions
            choices={reviews}
            onChange={setReviews}
            columns={draft.preview?.columns.map((c) => c.header) ?? []}
            disabled={busy}
          />
        )}

        {draft && (
          <UploadControls
            upload={upload}
            kind={kind}
            file={draft.file}
            disabled={
              reading || ((kind === 'stock' || kind === 'sales') && !storeId) || Boolean(kind === 'reviews' && reviews.productIds?.problem)
            }
            onStart={() => void start()}
          />
        )}
      </Stack>
    </Section>
  );
}

/** What a review file is read with: the store, the column naming the product, where they are from, and a product mapping. */
interface ReviewChoices {
  store: string;
  /** The heading of the column naming the product; empty: found by its heading. */
  productColumn: string;
  source: string;
  productIds: { file: File; mapping?: Record<string, string>; problem?: string } | null;
}
const NO_REVIEW_CHOICES: ReviewChoices = { store: NO_STORE, productColumn: '', source: '', productIds: null };

const reviewQuery = (c: ReviewChoices) => ({
  store: c.store || undefined,
  productColumn: c.productColumn || undefined,
  source: c.source.trim() || undefined,
  mapping: c.productIds?.mapping,
});

/** A product mapping file read in the browser, or what is wrong with it. */
async function readMappingFile(file: File): Promise<NonNullable<ReviewChoices['productIds']>> {
  const read = readProductMapping(await file.text());
  if ('problem' in read) return { file, problem: read.problem };
  const mapping = Object.fromEntries(read.mapping);
  const size = JSON.stringify(mapping).length;
  if (size > MAX_MAPPING_CHARS)
    return {
      file,
      problem: `It maps ${read.mapping.size.toLocaleString('en')} products, too many to send with an upload. Import the reviews with the command line: ones import reviews FILE --retailer … --map ${file.name}.`,
    };
  return { file, mapping };
}

/** A review file's own choices: which column names the product, a mapping from the file's ids to the catalog's, and where the reviews are from. */
function ReviewOptions(props: { choices: ReviewChoices; onChange: (c: ReviewChoices) => void; columns: string[]; disabled: boolean }) {
  const { choices: c, onChange } = props;
  const found = findReviewColumn(props.columns, 'product');
  const count = c.productIds?.mapping ? Object.keys(c.productIds.mapping).length : 0;
  return (
    <Stack gap="md">
      <NativeSelect
        size="md"
        label="The column naming the product reviewed"
        description="Its id in the file: a SKU, a product handle, or an id the mapping below turns into one"
        data={[
          { value: '', label: found >= 0 ? `${props.columns[found]} (found by its heading)` : 'None: the reviews are about the shop' },
          ...props.columns.filter((h, i) => h.trim() && i !== found).map((h) => ({ value: h, label: h })),
        ]}
        value={c.productColumn}
        onChange={(e) => onChange({ ...c, productColumn: e.currentTarget.value })}
        disabled={props.disabled}
        maw={420}
      />
      <FileDrop
        label="The file’s product ids as SKUs (optional)"
        description={
          count
            ? `${count.toLocaleString('en')} product ids will be read as the SKUs or handles it gives.`
            : 'A CSV: the file’s product id in the first column, a SKU or product handle in the second. Without it, ids are matched to SKUs and handles.'
        }
        accept=".csv,.txt,text/csv,text/plain"
        file={c.productIds?.file ?? null}
        onFile={(f) => {
          if (!f) onChange({ ...c, productIds: null });
          else void readMappingFile(f).then((productIds) => onChange({ ...c, productIds }));
        }}
        error={c.productIds?.problem ?? null}
        readOnly={props.disabled}
      />
      {c.productIds && (
        <Button variant="default" w="fit-content" onClick={() => onChange({ ...c, productIds: null })} disabled={props.disabled}>
          Import without a mapping
        </Button>
      )}
      <TextInput
        size="md"
        label="Where they are from (optional)"
        description="Shown with each review, e.g. “Website reviews 2019”; the file’s name when left empty"
        value={c.source}
        onChange={(e) => onChange({ ...c, source: e.currentTarget.value })}
        maxLength={200}
        disabled={props.disabled}
        maw={420}
      />
    </Stack>
  );
}
