import { GraphQLError } from 'graphql';

/** Errors the API shows as they are, each with its `extensions.code`; anything else is masked. */

export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string) {
    super(`${what} not found`, { extensions: { code: 'NOT_FOUND' } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor() {
    super('An API key is required: send it as "Authorization: Bearer <key>" or "x-api-key".', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor() {
    super('This API key is not allowed to do that.', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
}

export class RateLimitedError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds}s.`, { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });
  }
}

export class ServiceUnavailableError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
  }
}

/** The one place driver errors become API errors. */
export function mapDriverError(error: unknown): Error {
  if (error instanceof GraphQLError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return new ServiceUnavailableError('The graph database is unavailable; try again shortly.');
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new ServiceUnavailableError('The query took too long and was stopped; narrow it (filters, a smaller page).');
  }
  return error as Error;
}
