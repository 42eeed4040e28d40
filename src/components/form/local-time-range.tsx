import type { ComponentProps, ReactNode } from 'react';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { Field } from './field.tsx';

/** One end of the range: the input's props (react-hook-form's `register(…)`), its id, hint and message. */
export type LocalTimeEnd = Omit<ComponentProps<'input'>, 'type' | 'step'> & {
  id: string;
  hint?: ReactNode;
  error?: string | undefined;
};

/**
 * The "Since" and "Till" fields of a period typed in local time, to the
 * second. The inputs give the text as typed; the form's schema reads it with
 * lib/local-time.ts (which refuses a time the clocks skip). Only the two
 * fields are rendered, so they sit in the caller's grid next to its others.
 */
export function LocalTimeRange({ since, till }: { since: LocalTimeEnd; till: LocalTimeEnd }) {
  const { t } = useI18n();
  return (
    <>
      <Field type="datetime-local" step={1} label={t('edit.state.since')} {...since} />
      <Field type="datetime-local" step={1} label={t('edit.state.till')} {...till} />
    </>
  );
}
