import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, page, responses } from '../../http/schemas.ts';
import { IfMatchHeaders, ifMatch } from '../../http/versions.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { createAttributeKey, listAttributeKeys, presentAttributeKey, updateAttributeKey } from './attribute-keys.service.ts';
import { presentCategory, presentProduct } from './catalog.present.ts';
import {
  AttributeKeyParams,
  AttributeKeySchema,
  CategoryInput,
  CategorySchema,
  ComponentsBody,
  CreateAttributeKeyBody,
  CreateProductBody,
  ProductQuery,
  ProductSchema,
  ProductSummarySchema,
  UpdateAttributeKeyBody,
  UpdateProductBody,
  UpdateVariantBody,
  VariantInput,
} from './catalog.schemas.ts';
import {
  addVariant,
  categoryPaths,
  createCategory,
  createProduct,
  getProduct,
  listProducts,
  setComponents,
  updateCategory,
  updateProduct,
  updateVariant,
} from './catalog.service.ts';

const tags = ['Catalog'];
const edit = { staffOnly: true, permission: 'catalog.edit' } as const;

export function catalogRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/products',
    {
      schema: {
        operationId: 'listProducts',
        summary: 'Search the catalog by words and selling attributes (colour, room, style …), by title',
        tags,
        querystring: ProductQuery,
        response: responses({ 200: page(ProductSummarySchema) }, [400, 401]),
      },
    },
    async (request) => {
      const result = await listProducts(deps, principalOf(request), request.query);
      return {
        items: result.items.map((p) => ({
          id: p.id,
          handle: p.handle,
          title: p.title,
          status: p.status,
          category: p.category_name,
          priceFrom: p.price_from ?? 0,
          priceTo: p.price_to ?? 0,
          variants: p.variant_count,
          image: p.images[0] ?? null,
          colours: ((p.filter_attributes as Record<string, string[]>).colours ?? []).slice(0, 8),
          available: p.available,
        })),
        nextCursor: result.nextCursor,
      };
    },
  );

  r.get(
    '/api/products/:id',
    {
      schema: {
        operationId: 'getProduct',
        summary: 'A product with its variants',
        tags,
        params: IdParams,
        response: responses({ 200: ProductSchema }, [401, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const product = presentProduct(await getProduct(deps, p, request.params.id), p);
      reply.header('etag', `"${product.version}"`);
      return product;
    },
  );

  r.post(
    '/api/products',
    {
      config: edit,
      schema: {
        operationId: 'createProduct',
        summary: 'Add a product with its variants',
        tags,
        body: CreateProductBody,
        response: responses({ 201: ProductSchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(presentProduct(await createProduct(deps, p, auditContext(request, p), request.body), p));
    },
  );

  r.patch(
    '/api/products/:id',
    {
      config: edit,
      schema: {
        operationId: 'updateProduct',
        summary: 'Change a product; needs If-Match with the version you edited',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateProductBody,
        response: responses({ 200: ProductSchema }, [400, 401, 403, 404, 409, 428]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const product = presentProduct(
        await updateProduct(deps, p, auditContext(request, p), request.params.id, ifMatch(request), request.body),
        p,
      );
      reply.header('etag', `"${product.version}"`);
      return product;
    },
  );

  r.post(
    '/api/products/:id/variants',
    {
      config: edit,
      schema: {
        operationId: 'addVariant',
        summary: 'Add a variant to a product',
        tags,
        params: IdParams,
        body: VariantInput,
        response: responses({ 201: ProductSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply
        .status(201)
        .send(presentProduct(await addVariant(deps, p, auditContext(request, p), request.params.id, request.body), p));
    },
  );

  r.patch(
    '/api/variants/:id',
    {
      config: edit,
      schema: {
        operationId: 'updateVariant',
        summary: 'Change a variant (price, SKU, attributes, retired …)',
        tags,
        params: IdParams,
        body: UpdateVariantBody,
        response: responses({ 200: ProductSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentProduct(await updateVariant(deps, p, auditContext(request, p), request.params.id, request.body), p);
    },
  );

  r.put(
    '/api/variants/:id/components',
    {
      config: edit,
      schema: {
        operationId: 'setComponents',
        summary: 'Make a variant a bundle of others (or a plain item again with none)',
        tags,
        params: IdParams,
        body: ComponentsBody,
        response: responses({ 200: ProductSchema }, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentProduct(await setComponents(deps, p, auditContext(request, p), request.params.id, request.body), p);
    },
  );

  r.get(
    '/api/categories',
    {
      schema: {
        operationId: 'listCategories',
        summary: 'The category tree, each with its path',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(CategorySchema) }) }, [401]),
      },
    },
    async (request) => ({ items: [...(await categoryPaths(deps.db, principalOf(request).retailerId)).values()].map(presentCategory) }),
  );

  r.post(
    '/api/categories',
    {
      config: edit,
      schema: {
        operationId: 'createCategory',
        summary: 'Add a category',
        tags,
        body: CategoryInput,
        response: responses({ 201: CategorySchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(presentCategory(await createCategory(deps, p, auditContext(request, p), request.body)));
    },
  );

  r.put(
    '/api/categories/:id',
    {
      config: edit,
      schema: {
        operationId: 'updateCategory',
        summary: 'Rename or move a category',
        tags,
        params: IdParams,
        body: CategoryInput,
        response: responses({ 200: CategorySchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentCategory(await updateCategory(deps, p, auditContext(request, p), request.params.id, request.body));
    },
  );

  r.get(
    '/api/product-attributes',
    {
      schema: {
        operationId: 'listProductAttributes',
        summary: 'The retailer’s own product attributes, which products fill in under attributes.custom',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(AttributeKeySchema) }) }, [401]),
      },
    },
    async (request) => ({ items: (await listAttributeKeys(deps.db, principalOf(request).retailerId)).map(presentAttributeKey) }),
  );

  r.post(
    '/api/product-attributes',
    {
      config: edit,
      schema: {
        operationId: 'createProductAttribute',
        summary: 'Declare a product attribute: its key, label, kind of value and help',
        tags,
        body: CreateAttributeKeyBody,
        response: responses({ 201: AttributeKeySchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(await createAttributeKey(deps, p, auditContext(request, p), request.body));
    },
  );

  r.patch(
    '/api/product-attributes/:key',
    {
      config: edit,
      schema: {
        operationId: 'updateProductAttribute',
        summary: 'Rename a product attribute or change its help; its kind of value only while no product uses it',
        tags,
        params: AttributeKeyParams,
        body: UpdateAttributeKeyBody,
        response: responses({ 200: AttributeKeySchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return updateAttributeKey(deps, p, auditContext(request, p), request.params.key, request.body);
    },
  );
}
