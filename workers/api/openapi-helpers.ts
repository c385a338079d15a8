// Route-description helpers shared by every API sub-app: a JSON response or request body, the
// API-key security requirement and the `:id` path parameter.

import { z } from '@hono/zod-openapi';

/** A JSON response of `schema`, for `responses` of `createRoute`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body of `schema`, for `request` of `createRoute`. */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  content: { 'application/json': { schema } },
  required,
});

/** Every `/api/v1` route needs a tenant API key (the `apiKey` security scheme). */
export const security = [{ apiKey: [] }];

export const IdParam = z.object({ id: z.string().max(40) });
