import { foldText } from '../domain/search-terms.ts';

/** What a column of a product file holds, with its label on the mapping screen. */
export const PRODUCT_FIELD_LABELS = {
  handle: 'Handle (rows sharing it are variants of one product)',
  title: 'Product title',
  description: 'Description',
  category: 'Category (Parent > Child)',
  status: 'Status (active, draft, archived)',
  option1Name: 'Option 1 name (e.g. Colour)',
  option1Value: 'Option 1 value',
  option2Name: 'Option 2 name',
  option2Value: 'Option 2 value',
  option3Name: 'Option 3 name',
  option3Value: 'Option 3 value',
  sku: 'SKU',
  barcode: 'Barcode',
  price: 'Price',
  cost: 'Unit cost',
  quantity: 'Quantity on hand',
  imageSrc: 'Image address',
  imageAlt: 'Image description',
} as const;
export type ProductField = keyof typeof PRODUCT_FIELD_LABELS;
export const PRODUCT_FIELDS = Object.keys(PRODUCT_FIELD_LABELS) as ProductField[];
/** Header text → field, or "ignore". */
export type ProductMapping = Record<string, ProductField | 'ignore'>;

/** Shopify's product export headings (2019 and 2023 layouts), folded, and the field each holds. */
const SHOPIFY: Record<string, ProductField> = {
  handle: 'handle',
  title: 'title',
  'body (html)': 'description',
  'product category': 'category',
  type: 'category',
  status: 'status',
  'option1 name': 'option1Name',
  'option1 value': 'option1Value',
  'option2 name': 'option2Name',
  'option2 value': 'option2Value',
  'option3 name': 'option3Name',
  'option3 value': 'option3Value',
  'variant sku': 'sku',
  'variant barcode': 'barcode',
  'variant price': 'price',
  'cost per item': 'cost',
  'variant inventory qty': 'quantity',
  'image src': 'imageSrc',
  'image alt text': 'imageAlt',
};

/** Headings other spreadsheets use, folded. */
const COMMON: Record<string, ProductField> = {
  name: 'title',
  product: 'title',
  'product name': 'title',
  description: 'description',
  category: 'category',
  sku: 'sku',
  code: 'sku',
  'stock code': 'sku',
  barcode: 'barcode',
  ean: 'barcode',
  upc: 'barcode',
  price: 'price',
  'unit price': 'price',
  cost: 'cost',
  'unit cost': 'cost',
  quantity: 'quantity',
  qty: 'quantity',
  stock: 'quantity',
  image: 'imageSrc',
  'image url': 'imageSrc',
};

/** The field a Shopify product export's heading holds, if any. */
export const shopifyProductField = (heading: string): ProductField | undefined => SHOPIFY[foldText(heading.trim())];

/** Whether a first line is a Shopify product export's. */
export function isShopifyProductHeader(header: string[]): boolean {
  const fields = new Set(header.map(shopifyProductField));
  return fields.has('handle') && fields.has('title') && fields.has('price');
}

/** A mapping proposed from a file's headings: Shopify's and common names; each field taken once, the rest ignored. */
export function guessProductMapping(header: string[]): ProductMapping {
  const mapping: ProductMapping = {};
  const taken = new Set<ProductField>();
  for (const h of header) {
    const field = shopifyProductField(h) ?? COMMON[foldText(h.trim())];
    if (field && !taken.has(field)) {
      mapping[h] = field;
      taken.add(field);
    } else mapping[h] = 'ignore';
  }
  return mapping;
}
