import { isApiError } from '../api/errors.ts';
import type { I18n } from '../lib/i18n/i18n.tsx';
import { SignInRequiredError } from '../lib/session/prompt.ts';

const SERVICE = { saures: 'SAURES', besmart: 'besmart' } as const;

/**
 * A failure in words a person can read, in the UI language: what kind of
 * failure, and the server's own words when it gave any. Never a stack or raw JSON.
 */
export function errorText(error: unknown, t: I18n['t']): string {
  if (isApiError(error)) {
    const service = SERVICE[error.service];
    const status = String(error.status ?? '');
    switch (error.kind) {
      case 'network':
        return t('error.network', { service });
      case 'service':
        return t('error.service', { service, words: error.serverMessage ?? error.code ?? '?' });
      case 'http':
        return error.serverMessage
          ? t('error.httpWords', { service, status, words: error.serverMessage })
          : t('error.http', { service, status });
      case 'parse':
        if (error.part === 'flats') return t('error.parseFlats', { service });
        if (error.part === 'meters') return t('error.parseMeters', { service });
        return t('error.parse', { service });
    }
  }
  if (error instanceof SignInRequiredError) return t('error.signInRequired', { service: SERVICE[error.service] });
  return t('error.generic');
}

/** A sign-in rejection: the server's own message (SAURES errors[].msg, besmart problem detail) when it gave one. */
export function rejectionText(error: unknown, t: I18n['t']): string {
  if (isApiError(error) && (error.kind === 'service' || error.kind === 'http') && error.serverMessage) {
    if (error.kind === 'http' && (error.status ?? 0) >= 500) return errorText(error, t);
    return error.serverMessage;
  }
  return errorText(error, t);
}
