import { isApiError } from '../api/errors.ts';

/**
 * The words to show a person for a failure: the server's own message when it
 * gave one (a rejection's reason), otherwise the ApiError's sentence. Never a
 * stack or raw JSON.
 */
export function serverWords(error: unknown): string {
  if (isApiError(error)) {
    if ((error.kind === 'service' || (error.kind === 'http' && (error.status ?? 0) < 500)) && error.serverMessage) {
      return error.serverMessage;
    }
    return error.message;
  }
  if (error instanceof Error && error.name === 'SignInRequiredError') return error.message;
  return 'Something went wrong. Please try again.';
}
