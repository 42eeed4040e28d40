import { useRef, useState, type FormEvent } from 'react';
import * as z from 'zod/mini';

type Values = Record<string, string>;

/**
 * A small controlled form validated by a zod/mini schema on submit. The
 * sign-in route uses it instead of react-hook-form, whose ~12 KB gzip would
 * push the route past its 120 KB budget; the editing forms use react-hook-form.
 */
export function useValidatedForm<V extends Values>(schema: z.ZodMiniType<V, V>, initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const refs = useRef<Partial<Record<string, HTMLInputElement | null>>>({});

  const field = (name: keyof V & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => {
      const value = e.target.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
    ref: (el: HTMLInputElement | null) => {
      refs.current[name] = el;
    },
  });

  const handleSubmit = (onValid: (values: V) => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    const result = schema.safeParse(values);
    if (!result.success) {
      const next: Partial<Record<string, string>> = {};
      for (const issue of result.error.issues) {
        const key = issue.path[0];
        if (typeof key === 'string' && next[key] === undefined) next[key] = issue.message;
      }
      setErrors(next);
      const first = Object.keys(values).find((k) => next[k] !== undefined);
      if (first !== undefined) refs.current[first]?.focus();
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await onValid(result.data);
    } finally {
      setSubmitting(false);
    }
  };

  return {
    values,
    errors,
    submitting,
    field,
    handleSubmit,
    setValues: (v: Partial<V>) => setValues((prev) => ({ ...prev, ...v })),
    focus: (name: keyof V & string) => refs.current[name]?.focus(),
  };
}

/**
 * A sign-in form's submit: signs in with the valid values, then clears the
 * password (on success and on failure, where the password field gets the
 * focus); the failure is kept for the form to show.
 */
export function useSignInForm<V extends Values & { password: string }>(
  schema: z.ZodMiniType<V, V>,
  initial: V,
  signIn: (values: V) => Promise<unknown>,
  onSignedIn: (() => void) | undefined,
) {
  const form = useValidatedForm<V>(schema, initial);
  const [failure, setFailure] = useState<unknown>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await signIn(values);
      form.setValues({ password: '' } as Partial<V>);
      onSignedIn?.();
    } catch (e) {
      setFailure(e);
      form.setValues({ password: '' } as Partial<V>);
      form.focus('password');
    }
  });
  return { form, failure, submit: (e: FormEvent) => void submit(e) };
}
