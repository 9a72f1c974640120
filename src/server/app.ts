import { randomBytes } from 'node:crypto';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from './deps.ts';
import { registerAuth } from './http/auth.ts';
import { errorHandler } from './http/errors.ts';
import { ErrorResponse } from './http/schemas.ts';
import { registerWeb } from './http/web.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { customersRoutes } from './modules/customers/customers.routes.ts';
import { mergeRoutes } from './modules/customers/merge.routes.ts';
import { encountersRoutes } from './modules/encounters/encounters.routes.ts';
import { feedbackRoutes } from './modules/feedback/feedback.routes.ts';
import { feedbackStaffRoutes } from './modules/feedback/feedback-staff.routes.ts';
import { alternativesRoutes } from './modules/guidance/alternatives.routes.ts';
import { questionSetsRoutes } from './modules/guidance/question-sets.routes.ts';
import { sessionsRoutes } from './modules/guidance/sessions.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { retailersRoutes } from './modules/retailers/retailers.routes.ts';
import { rulesRoutes } from './modules/rules/rules.routes.ts';
import { salesRoutes } from './modules/sales/sales.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { stockRoutes } from './modules/stock/stock.routes.ts';
import { storesRoutes } from './modules/stores/stores.routes.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { vocabularyRoutes } from './modules/vocabulary/vocabulary.routes.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// Request ids: a random prefix per process and a counter, unique across servers and cheap to make.
const REQUEST_PREFIX = `req_${randomBytes(6).toString('base64url')}`;
let requestCount = 0;
const requestId = () => `${REQUEST_PREFIX}${(++requestCount).toString(36)}`;

export interface AppOptions {
  logger?: boolean;
  /** Serve the built web app from config.webDir when it exists. */
  serveWeb?: boolean;
}

/** Validators: bodies are checked strictly (no type coercion); query strings and params are coerced. */
function validators() {
  const common = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false } as const;
  const body = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const query = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  return { body, query };
}

/**
 * A route's validator, compiled on its first request rather than at start-up: compiling every
 * route's schemas up front was the largest part of a cold start.
 */
function lazyValidator(compile: () => ValidateFunction) {
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown) => {
    compiled ??= compile();
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  validate.errors = null as ValidateFunction['errors'];
  return validate;
}

/** Fastify's own response serializers (fast-json-stringify), each compiled on its first use. */
function lazySerializers(externalSchemas?: unknown, options?: object) {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route: Parameters<typeof compile>[0]) => {
    let compiled: ((doc: unknown) => string) | undefined;
    return (doc: unknown) => {
      compiled ??= compile(route);
      return compiled(doc);
    };
  };
}

/** Builds the Fastify app: plugins, error handling, and every module's routes. Does not listen. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.logLevel } : false,
    genReqId: requestId,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
  });

  const ajv = validators();
  app.setValidatorCompiler(({ schema, httpPart }) =>
    lazyValidator(() => (httpPart === 'body' ? ajv.body.compile(schema) : ajv.query.compile(schema))),
  );
  app.setErrorHandler(errorHandler);
  app.addSchema(ErrorResponse);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ones API',
        version: '0.1.0',
        description:
          'Clienteling and guided selling for specialty retailers. People sign in with a session cookie; integrations send `Authorization: Bearer <token>`. Errors are `{ "error": { "code", "message", "fields"? } }`.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ones_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Every route in this context needs a session or token unless it says `public: true`.
  await app.register(async (api) => {
    registerAuth(api, deps);
    healthRoutes(api, deps);
    authRoutes(api, deps);
    retailersRoutes(api, deps);
    staffRoutes(api, deps);
    storesRoutes(api, deps);
    tokensRoutes(api, deps);
    auditRoutes(api, deps);
    vocabularyRoutes(api, deps);
    customersRoutes(api, deps);
    mergeRoutes(api, deps);
    catalogRoutes(api, deps);
    stockRoutes(api, deps);
    salesRoutes(api, deps);
    questionSetsRoutes(api, deps);
    sessionsRoutes(api, deps);
    alternativesRoutes(api, deps);
    encountersRoutes(api, deps);
    rulesRoutes(api, deps);
    feedbackStaffRoutes(api, deps);
    // Its own scope: the customer's page also takes plain form posts, which no other route does.
    await api.register(async (scope) => feedbackRoutes(scope, deps));
    await api.register(async (scope) => importsRoutes(scope, deps));
  });

  await registerWeb(app, deps.config, { serve: opts.serveWeb === true });
  return app;
}
