import { isApiError } from '../../api/errors.ts';
import { errorText } from '../error-message.ts';
import { fieldMessage, isMessageKey, type I18n } from '../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../lib/i18n/messages-en.ts';
import { readLocalDateTime } from '../../lib/local-time.ts';

/*
 * Validation messages travel through zod and react-hook-form as plain strings:
 * a message key, optionally followed by "|" and URL-encoded parameters, so a
 * message such as "info lacks tariff" can still be translated where it is shown.
 */

export function problem(key: MessageKey, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return query === '' ? key : `${key}|${query}`;
}

/** Translates a message made by `problem`; other text (the server's own words) passes through. */
export function problemText(t: I18n['t'], message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const bar = message.indexOf('|');
  if (bar > 0) {
    const key = message.slice(0, bar);
    if (isMessageKey(key)) return t(key, Object.fromEntries(new URLSearchParams(message.slice(bar + 1))));
  }
  return fieldMessage(t, message);
}

/**
 * The form field a server error is about, when its words name one of the
 * fields ("Parameter 'lat' must be between -90 and 90"), else null.
 */
export function serverField<F extends string>(
  error: unknown,
  fields: readonly F[],
  aliases: Partial<Record<string, F>> = {},
): F | null {
  if (!isApiError(error) || error.kind !== 'http' || (error.status ?? 0) >= 500) return null;
  const words = error.serverMessage ?? '';
  const named = /[Pp]arameter '([A-Za-z_]+)'/.exec(words)?.[1];
  if (named !== undefined) {
    const field = fields.find((f) => f === named) ?? aliases[named];
    if (field !== undefined) return field;
  }
  for (const [pattern, field] of Object.entries(aliases)) {
    if (field !== undefined && words.toLowerCase().includes(pattern.toLowerCase())) return field;
  }
  return null;
}

/** The server's own words when it gave some (4xx), for showing next to a field. */
export function serverWords(error: unknown): string | null {
  return isApiError(error) && error.serverMessage ? error.serverMessage : null;
}

/**
 * Reads a `datetime-local` value in a zod transform: UTC ms, or NaN with an
 * issue saying what is wrong ("Enter a date and time.", or that the clocks
 * skip that time here; see lib/local-time.ts).
 */
export function readLocalTimeField(
  raw: string,
  ctx: { addIssue: (issue: { code: 'custom'; message: string }) => void },
) {
  const read = readLocalDateTime(raw);
  if (read.ok) return read.ms;
  ctx.addIssue({
    code: 'custom',
    message: problem(read.problem === 'skipped' ? 'edit.validation.skippedTime' : 'edit.state.badDateTime'),
  });
  return Number.NaN;
}

/** Reads a decimal typed by a person: "54,38" and " 54.38 " both work. Empty is undefined, junk is NaN. */
export function readDecimal(raw: string): number | undefined {
  const s = raw.trim().replace(',', '.');
  if (s === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

/** Reads an integer typed by a person. Empty is undefined, anything else not an integer is NaN. */
export function readInteger(raw: string): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  return /^[-+]?\d+$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * Shows a failed save: at the field the server's words name (with a short
 * note above the form), or above the form in the server's words. What was
 * typed is left alone.
 */
export function reportSaveError<F extends string>(
  error: unknown,
  t: I18n['t'],
  target: { fields: readonly F[]; aliases?: Partial<Record<string, F>> },
  show: { fieldError: (field: F, message: string) => void; failure: (text: string) => void },
): void {
  // A current server's 422 names each field itself (`loc`): each message goes to its field.
  if (isApiError(error) && error.fields.length > 0) {
    const placed = error.fields.flatMap((issue) => {
      const name = issue.field;
      const field = name === null ? undefined : (target.fields.find((f) => f === name) ?? target.aliases?.[name]);
      return field === undefined ? [] : [{ field, message: issue.message }];
    });
    for (const p of placed) show.fieldError(p.field, p.message);
    if (placed.length === error.fields.length) {
      show.failure(t('edit.failedFields'));
      return;
    }
  }
  const field = serverField(error, target.fields, target.aliases);
  const words = serverWords(error);
  if (field !== null && words !== null) {
    show.fieldError(field, words);
    show.failure(t('edit.failedFields'));
  } else {
    show.failure(t('edit.failed', { words: errorText(error, t) }));
  }
}
