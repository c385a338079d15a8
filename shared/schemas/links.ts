// Contracts of the tracked-links API (`POST /api/v1/links`): one request mints a link for each
// destination, all for the same subscriber, message and list.

import { z } from 'zod';
import { MAX_DESTINATION_LENGTH, MAX_LINK_TTL_DAYS, parseDestination } from '../link-tokens';
import { IsoDate } from './common';

export const MAX_DESTINATIONS = 200;

const Destination = z
  .string()
  .max(MAX_DESTINATION_LENGTH)
  .refine((v) => parseDestination(v) !== null, {
    message: 'must be an absolute http(s) URL with a host and no credentials',
  })
  .meta({ example: 'https://shop.example.com/spring?utm_source=mail' });

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be an id');

export const CreateLinks = z
  .object({
    subscriberId: Id.meta({ description: 'The subscriber the links are for (of the calling tenant)' }),
    listId: Id.meta({ description: 'The list whose purpose the consent question is about' }),
    messageId: Id.optional().meta({ description: 'The message the links appear in' }),
    destination: Destination.optional().meta({ description: 'One destination (or use `destinations`)' }),
    destinations: z.array(Destination).min(1).max(MAX_DESTINATIONS).optional(),
    expiresAt: IsoDate.optional().meta({
      description: `When the links stop working; at most ${MAX_LINK_TTL_DAYS} days ahead, default 180 days`,
    }),
  })
  .refine((b) => (b.destination === undefined) !== (b.destinations === undefined), {
    message: 'give exactly one of `destination` and `destinations`',
    path: ['destinations'],
  })
  .meta({ id: 'CreateLinks' });
export type CreateLinks = z.infer<typeof CreateLinks>;

export const TrackedLink = z
  .object({
    destination: z.string().meta({ description: 'The destination in canonical form' }),
    url: z.string().meta({ description: 'The link to put in the email' }),
    token: z.string(),
    expiresAt: IsoDate,
  })
  .meta({ id: 'TrackedLink' });
export type TrackedLink = z.infer<typeof TrackedLink>;

export const CreatedLinks = z.object({ links: z.array(TrackedLink) }).meta({ id: 'CreatedLinks' });
export type CreatedLinks = z.infer<typeof CreatedLinks>;

/** The form the consent page posts to `POST /l/:token`. */
export const InterceptAnswerForm = z.object({
  answer: z.enum(['yes', 'no']),
  answer_token: z.string().min(1).max(2048),
});
export type InterceptAnswerForm = z.infer<typeof InterceptAnswerForm>;
