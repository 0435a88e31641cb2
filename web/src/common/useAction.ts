import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { useErrorText } from './errorText'

interface ActionOptions<TResult> {
  /** Queries showing what the action changed. */
  invalidate: QueryKey
  /** Toast after success. */
  success?: string | ((result: TResult) => string)
  onSuccess?: (result: TResult) => void
}

const successText = <TResult>(success: string | ((result: TResult) => string), result: TResult) =>
  typeof success === 'function' ? success(result) : success

/** A one-click change (no form): failures are toasted in the reader's language, the lists reload on success. */
export function useAction<TArgs, TResult>(
  run: (args: TArgs) => Promise<TResult>,
  options: ActionOptions<TResult>,
) {
  const { message } = App.useApp()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onError: (error) => void message.error(errorText(error)),
    onSuccess: async (result) => {
      if (options.success) void message.success(successText(options.success, result))
      options.onSuccess?.(result)
      await queryClient.invalidateQueries({ queryKey: options.invalidate })
    },
  })
}

/** A form in a modal: failures go to the form (see useFormErrors), the lists reload on success. */
export function useSubmit<TArgs, TResult>(
  run: (args: TArgs) => Promise<TResult>,
  options: ActionOptions<TResult> & { onError: (error: unknown) => void; onMutate?: () => void },
) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onMutate: options.onMutate,
    onError: options.onError,
    onSuccess: async (result) => {
      if (options.success) void message.success(successText(options.success, result))
      await queryClient.invalidateQueries({ queryKey: options.invalidate })
      options.onSuccess?.(result)
    },
  })
}
