// The public edge routes in the OpenAPI document: forms, the embed script, double opt-in, the
// link intercept and the requester's links. They live at the origin root (path-level `servers`),
// beside the client API, and are described from the same zod contracts they validate with.

import { z } from 'zod';
import { ErrorResponse } from '../../shared/schemas/common';
import { FormAnswer, FormSubmission } from '../../shared/schemas/forms';

const ROOT = [{ url: '/' }];
const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) },
});
const html = { 'text/html': { schema: { type: 'string' } } };
const page = (description: string) => ({ description, content: html });
const token = (description: string) => ({
  name: 'token',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', maxLength: 4096 },
});
const formId = {
  name: 'formId',
  in: 'path',
  required: true,
  description: 'The form id (`frm_e_…` EU, `frm_u_…` US)',
  schema: { type: 'string' },
};
const tags = ['Public edge'];

/** OpenAPI path items of the public edge routes, keyed by path. */
export function publicPaths(): Record<string, unknown> {
  const problem = {
    description: 'Refused; JSON for the embed script, a page for people',
    content: { ...json(ErrorResponse), ...html },
  };
  return {
    '/f/{formId}': {
      servers: ROOT,
      post: {
        tags,
        summary: 'Submit a consent form',
        parameters: [formId],
        description:
          "A plain HTML form (urlencoded, answered with 303 to the thank-you page) or the embed script (JSON, answered with JSON). CORS only for the form's allowed origins; an unticked consent box subscribes nobody.",
        requestBody: {
          required: true,
          content: {
            ...json(FormSubmission),
            'application/x-www-form-urlencoded': { schema: z.toJSONSchema(FormSubmission, { io: 'input' }) },
          },
        },
        responses: {
          200: { description: 'Accepted (JSON)', content: json(FormAnswer) },
          303: { description: 'Accepted (HTML form): to the thank-you page' },
          400: problem,
          403: problem,
          404: problem,
          413: problem,
          415: problem,
          422: problem,
        },
      },
    },
    '/f/{formId}/embed.js': {
      servers: ROOT,
      get: {
        tags,
        summary: 'The embeddable form script',
        parameters: [formId],
        responses: {
          200: {
            description: 'A dependency-free script',
            content: { 'text/javascript': { schema: { type: 'string' } } },
          },
          404: problem,
        },
      },
    },
    '/c/{token}': {
      servers: ROOT,
      get: {
        tags,
        summary: 'Double opt-in: the page with the one button that confirms (opening it confirms nothing)',
        parameters: [token('Sealed confirmation token from the mail')],
        responses: {
          200: page("The question, in the browser's or else the subscriber's language"),
          400: page('Invalid or expired link'),
          410: page('The sign-up was purged'),
        },
      },
      post: {
        tags,
        summary: "Double opt-in: the button's press confirms and records the confirmation event",
        parameters: [token('Sealed confirmation token from the mail')],
        responses: {
          200: page('Confirmed, or already confirmed; automated clients get the question again'),
          400: page('Invalid or expired link'),
          403: page('Not posted from our page'),
          410: page('The sign-up was purged'),
          413: page('Body over 16 KB'),
        },
      },
    },
    '/l/{token}': {
      servers: ROOT,
      get: {
        tags,
        summary: 'Tracked link: redirect, or the consent page for EU clickers without consent',
        parameters: [token('Sealed link token')],
        responses: {
          200: page("Consent page in the clicker's language"),
          302: { description: 'To the destination sealed in the token' },
          400: page('Invalid, tampered or expired link: never a redirect'),
          404: page('Unknown tenant, subscriber or list'),
        },
      },
      post: {
        tags,
        summary: 'Answer of the consent page (YES or NO)',
        parameters: [token('Sealed link token')],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['answer', 'answer_token'],
                properties: {
                  answer: { enum: ['yes', 'no'] },
                  answer_token: {
                    type: 'string',
                    description: 'Sealed answer token of the page (CSRF and replay protection)',
                  },
                },
              },
            },
          },
        },
        responses: {
          303: { description: 'To the destination, after recording the answer once' },
          400: page('Invalid link or answer'),
          403: page('Not posted from our page'),
          413: page('Body over 16 KB'),
        },
      },
    },
    '/v/{token}': {
      servers: ROOT,
      get: {
        tags,
        summary: 'Confirm a privacy request (Art. 12(6)): the page',
        parameters: [token('Sealed verification token')],
        responses: { 200: page('A page with a confirmation button'), 400: page('Invalid or expired link') },
      },
      post: {
        tags,
        summary: 'Confirm a privacy request (Art. 12(6))',
        parameters: [token('Sealed verification token')],
        responses: {
          200: page('Confirmed (or already confirmed, or closed)'),
          400: page('Invalid or expired link'),
          403: page('Not posted from our page'),
          413: page('Body over 16 KB'),
        },
      },
    },
    '/x/{token}': {
      servers: ROOT,
      get: {
        tags,
        summary: 'Download of an access (JSON) or portability (zip) export',
        parameters: [token('Sealed export token')],
        responses: {
          200: {
            description: 'The export',
            content: {
              'application/json': { schema: { type: 'object' } },
              'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } },
            },
          },
          400: page('Invalid or expired link'),
          403: page('Identity not confirmed yet'),
        },
      },
    },
  };
}
