import { roleCan } from '../../../shared/domain/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { ProductDetail } from './catalog.service.ts';

/** A product with its variants as it leaves the server; unit costs only for roles that may see margins. */
export function presentProduct(d: ProductDetail, actor: Principal) {
  const margins = roleCan(actor.role, 'margins.view');
  const variants = d.variants.map((v) => ({
    id: v.id,
    productId: v.product_id,
    title: v.title,
    options: v.options,
    sku: v.sku,
    barcode: v.barcode,
    price: v.price,
    ...(margins ? { unitCost: v.unit_cost } : {}),
    attributes: v.attributes,
    retired: v.retired,
    components: (d.components.get(v.id) ?? []).map((c) => ({ variantId: c.component_id, title: c.title, quantity: c.quantity })),
  }));
  return {
    id: d.product.id,
    handle: d.product.handle,
    title: d.product.title,
    description: d.product.description,
    category: d.category ? { id: d.category.id, name: d.category.name, path: d.category.path } : null,
    status: d.product.status,
    kind: variants.some((v) => v.components.length) ? ('bundle' as const) : ('item' as const),
    attributes: d.product.attributes,
    images: d.product.images,
    lowStockThreshold: d.product.low_stock_threshold,
    pairsWith: d.pairs,
    variants,
    version: d.product.version,
    updatedAt: d.product.updated_at.toISOString(),
  };
}

export function presentCategory(c: {
  id: string;
  name: string;
  parentId: string | null;
  path: string[];
  lowStockThreshold: number | null;
}) {
  return { id: c.id, name: c.name, parentId: c.parentId, path: c.path, lowStockThreshold: c.lowStockThreshold };
}
