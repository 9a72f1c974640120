import { randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Answers, COMMENT_MAX, EXPECTATIONS } from '../../../shared/domain/feedback.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { IdParams, Literals, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { aboutMe, aboutMeCustomerId, checkConsentForm, saveConsents } from './about-me.service.ts';
import { answersOf, checkAnswers, giveAnswers, type LinkState, markOpened, type OpenLink, resolveLink } from './answers.service.ts';
import { pageSecurityPolicy, renderAboutPage, renderFeedbackPage, renderProblemPage } from './feedback-page.ts';
import { issueQrLink } from './requests.service.ts';

const tags = ['Feedback'];

const LinkParams = Type.Object({ slug: Type.String({ maxLength: 80 }), token: Type.String({ maxLength: 100 }) });

const AnswersSchema = Type.Object(
  {
    satisfaction: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    expectations: Nullable(Literals(EXPECTATIONS)),
    listened: Nullable(Type.Boolean()),
    feltRushed: Nullable(Type.Boolean()),
    inStock: Nullable(Type.Boolean()),
    comment: Nullable(Type.String({ maxLength: COMMENT_MAX })),
    mayContact: Nullable(Type.Boolean()),
  },
  { title: 'FeedbackAnswers' },
);

const AnswersChange = Type.Partial(AnswersSchema, {
  additionalProperties: false,
  description: 'Only the answers sent change; null takes an answer back',
});

/** The headers of every page a link opens: never cached, never indexed, never telling where it was opened from. */
function pageHeaders(reply: FastifyReply, nonce: string) {
  reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', pageSecurityPolicy(nonce));
}

const nonceOf = () => randomBytes(16).toString('base64');

function problem(reply: FastifyReply, state: Exclude<LinkState, { state: 'open' }>) {
  const nonce = nonceOf();
  pageHeaders(reply, nonce);
  return reply
    .code(state.state === 'expired' ? 410 : 404)
    .send(renderProblemPage({ kind: state.state, retailerName: state.state === 'expired' ? state.retailerName : null, nonce }));
}

function page(reply: FastifyReply, link: OpenLink, token: string, opts: { saved?: boolean; error?: string; status?: number }) {
  const nonce = nonceOf();
  pageHeaders(reply, nonce);
  const answers = answersOf(link);
  const html = renderFeedbackPage({
    action: linkPath(link, token),
    aboutUrl: link.customerId ? `${linkPath(link, token)}/about` : null,
    lang: link.locale,
    retailerName: link.retailerName,
    storeName: link.storeName,
    brandColour: link.brandColour,
    expiresOn: new Intl.DateTimeFormat(link.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(link.expiresAt),
    answers,
    nonce,
    saved: opts.saved ?? false,
    error: opts.error ?? null,
  });
  return reply.code(opts.status ?? 200).send(html);
}

const linkPath = (link: OpenLink, token: string) => `/f/${encodeURIComponent(link.retailerSlug)}/${token}`;

/** What the shop keeps about the link's customer; a link without one (or erased since) does not open it. */
async function aboutPage(
  deps: Deps,
  reply: FastifyReply,
  link: OpenLink,
  token: string,
  opts: { saved?: boolean; error?: string; status?: number; viewed?: { requestId: string | null; ip: string | null } },
) {
  const about = await aboutMe(deps, link, opts.viewed);
  if (!about) return problem(reply, { state: 'invalid' });
  const nonce = nonceOf();
  pageHeaders(reply, nonce);
  const html = renderAboutPage({
    action: `${linkPath(link, token)}/about`,
    feedbackUrl: linkPath(link, token),
    lang: link.locale,
    retailerName: link.retailerName,
    storeName: link.storeName,
    brandColour: link.brandColour,
    about,
    nonce,
    saved: opts.saved ?? false,
    error: opts.error ?? null,
  });
  return reply.code(opts.status ?? 200).send(html);
}

const meta = (request: FastifyRequest) => ({ requestId: request.id, ip: request.ip });

/** Feedback requests and the customer's page (public, by token). */
export function feedbackRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // The page's form posts without a script; only this scope reads form bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  r.post(
    '/api/encounters/:id/feedback-link',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'issueFeedbackLink',
        summary: 'A QR code for the customer to give feedback on a closed visit; it replaces the one shown before',
        tags,
        params: IdParams,
        response: responses(
          {
            200: Type.Object(
              {
                url: Type.String({ description: 'The customer’s page' }),
                expiresAt: Timestamp,
                svg: Type.String({ description: 'The QR code of the url, as an SVG document' }),
              },
              { title: 'FeedbackLink' },
            ),
          },
          [401, 403, 404, 409],
        ),
      },
    },
    async (request) => issueQrLink(deps, principalOf(request), request.params.id),
  );

  r.get(
    '/f/:slug/:token',
    {
      config: { public: true },
      schema: {
        operationId: 'feedbackPage',
        summary: 'The customer’s feedback page (HTML): 404 for a link that does not work, 410 once it has expired',
        tags,
        params: LinkParams,
        querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 4 })) }),
      },
    },
    async (request, reply) => {
      const { slug, token } = request.params;
      const state = await resolveLink(deps, slug, token);
      if (state.state !== 'open') return problem(reply, state);
      await markOpened(deps, state.link);
      return page(reply, state.link, token, { saved: request.query.saved === '1' });
    },
  );

  r.post(
    '/f/:slug/:token',
    {
      config: { public: true },
      schema: {
        operationId: 'sendFeedbackForm',
        summary: 'The page’s form without a script: saves the answers and answers 303 to the page',
        tags,
        params: LinkParams,
        consumes: ['application/x-www-form-urlencoded'],
      },
    },
    async (request, reply) => {
      const { slug, token } = request.params;
      let change: Partial<Answers>;
      try {
        const form = (request.body ?? {}) as Record<string, unknown>;
        change = checkAnswers(form, true);
        // An unticked box is not sent at all.
        change.mayContact = form.mayContact === 'yes';
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'validation_failed')) throw err;
        const state = await resolveLink(deps, slug, token);
        if (state.state !== 'open') return problem(reply, state);
        return page(reply, state.link, token, { error: err.message, status: 400 });
      }
      const { state } = await giveAnswers(deps, slug, token, change, meta(request));
      if (state.state !== 'open') return problem(reply, state);
      return reply
        .code(303)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .redirect(`/f/${encodeURIComponent(slug)}/${token}?saved=1`, 303);
    },
  );

  r.get(
    '/f/:slug/:token/about',
    {
      config: { public: true },
      schema: {
        operationId: 'feedbackAboutMePage',
        summary:
          'What the shop keeps about the link’s customer (HTML), with their consent to change: 404 for a link that does not work or has no customer, 410 once it has expired',
        tags,
        params: LinkParams,
        querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 4 })) }),
      },
    },
    async (request, reply) => {
      const { slug, token } = request.params;
      const state = await resolveLink(deps, slug, token);
      if (state.state !== 'open') return problem(reply, state);
      return aboutPage(deps, reply, state.link, token, { saved: request.query.saved === '1', viewed: meta(request) });
    },
  );

  r.post(
    '/f/:slug/:token/about',
    {
      config: { public: true },
      schema: {
        operationId: 'sendFeedbackConsentForm',
        summary: 'The customer’s consent per channel and purpose, from their page’s form: recorded and logged, then 303 to the page',
        tags,
        params: LinkParams,
        consumes: ['application/x-www-form-urlencoded'],
      },
    },
    async (request, reply) => {
      const { slug, token } = request.params;
      const state = await resolveLink(deps, slug, token);
      if (state.state !== 'open') return problem(reply, state);
      const customerId = await aboutMeCustomerId(deps, state.link);
      if (!customerId) return problem(reply, { state: 'invalid' });
      let choices: ReturnType<typeof checkConsentForm>;
      try {
        choices = checkConsentForm(request.body ?? {});
      } catch (err) {
        if (err instanceof AppError && err.code === 'validation_failed')
          return aboutPage(deps, reply, state.link, token, { error: err.message, status: 400 });
        throw err;
      }
      await saveConsents(deps, state.link, customerId, choices, meta(request));
      return reply
        .code(303)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .redirect(`${linkPath(state.link, token)}/about?saved=1`, 303);
    },
  );

  r.put(
    '/f/:slug/:token',
    {
      config: { public: true },
      schema: {
        operationId: 'saveFeedbackAnswers',
        summary: 'Saves answers as they are given (only the fields sent change); 404 for a link that does not work, 410 once expired',
        tags,
        params: LinkParams,
        body: AnswersChange,
        response: responses(
          {
            200: Type.Object({ saved: Type.Literal(true), answers: AnswersSchema }),
            410: Type.Ref('ErrorResponse', { description: 'The link has expired' }),
          },
          [400, 404],
        ),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const { slug, token } = request.params;
      const { state, answers } = await giveAnswers(deps, slug, token, checkAnswers(request.body), meta(request));
      if (state.state === 'expired')
        return reply
          .code(410)
          .send({ error: { code: 'expired', message: 'This link has expired: the time to give feedback has passed.' } });
      if (state.state !== 'open' || !answers) throw new AppError('not_found', 'This link does not work.');
      return { saved: true as const, answers };
    },
  );
}
