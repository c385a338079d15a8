// The hashes of the audit chain. A row's hash covers its facts and the previous row's hash; what
// may name a subscriber is covered only through a salted commitment, so erasure can remove it
// (and its salt) while the chain still verifies. A CSV export holds every hashed value, so anyone
// can recompute the chain from it.

import { canonicalJson } from './canonical-json';
import { sha256Hex } from './encoding';

/** The parts of a row that may name a subscriber: redacted when that subscriber is erased. */
export type AuditPersonal = {
  subjectId: string | null;
  /** The target id when the target is a subscriber; otherwise null (the id is hashed directly). */
  subscriberTarget: string | null;
  details: Record<string, unknown>;
};

/** The facts of a row that stay forever. */
export type AuditFacts = {
  id: string;
  tenantId: string;
  seq: number;
  at: Date;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string | null;
  /** Null for a subscriber target (it lives in the commitment instead). */
  targetId: string | null;
  country: string | null;
  ipCt: string | null;
};

/** SHA-256 over the salt and the personal parts; unguessable without the salt. */
export function auditCommitment(salt: string, personal: AuditPersonal): Promise<string> {
  return sha256Hex(canonicalJson({ salt, ...personal }));
}

/** The chain hash of one row: its facts, its commitment and the hash before it. */
export function auditHash(facts: AuditFacts, commitment: string, prevHash: string | null): Promise<string> {
  return sha256Hex(canonicalJson({ ...facts, at: facts.at.getTime(), commitment, prevHash }));
}

/** The target id as the chain hashes it: a subscriber id only through the commitment. */
export const hashedTargetId = (targetType: string | null, targetId: string | null) =>
  targetType === 'subscriber' ? null : targetId;
