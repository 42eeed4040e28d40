import { useMutation, type UseMutationOptions } from '@tanstack/react-query';

/**
 * `useMutation` for a feature that has its own work to do after a write
 * (close a dialog, show a note): `then` runs first, synchronously, then the
 * options' own `onSuccess` (the query layer's invalidation), whose promise
 * `mutateAsync` waits for.
 */
export function useMutationThen<TData, TError, TVariables, TOnMutateResult>(
  options: UseMutationOptions<TData, TError, TVariables, TOnMutateResult>,
  then: (data: TData, variables: TVariables) => void,
) {
  return useMutation({
    ...options,
    onSuccess: (data, variables, onMutateResult, context) => {
      then(data, variables);
      return options.onSuccess?.(data, variables, onMutateResult, context);
    },
  });
}
