// The one error vocabulary: every code with its HTTP status, the AppError that carries it, and
// the JSON body `{"error":{"code","message"}}` that every 4xx and 5xx answer uses.

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_token: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  password_expired: 403,
  not_found: 404,
  unknown_tenant: 404,
  conflict: 409,
  idempotency_conflict: 409,
  illegal_transition: 409,
  gone: 410,
  suppressed: 422,
  special_category: 422,
  consent_evidence_required: 422,
  consent_required: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId?: string; details?: unknown };
};

/** A failure the caller can act on; its message must never contain personal data. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): ErrorStatus {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(
  code: ErrorCode,
  message: string,
  requestId?: string,
  details?: unknown,
): ErrorBody {
  const error: ErrorBody['error'] = { code, message };
  if (requestId) error.requestId = requestId;
  if (details !== undefined) error.details = details;
  return { error };
}
