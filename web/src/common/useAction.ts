import { type QueryKey, type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { useErrorText } from './errorText'

export interface ActionOptions<TArgs, TResult> {
  /** Queries showing what the action changed, reloaded one after another once it succeeded. */
  invalidate?: readonly QueryKey[]
  /** Toast after success. */
  success?: string | ((result: TResult, args: TArgs) => string)
  /** After the toast and the reloads; the action stays pending until a promise it returns settles. */
  onSuccess?: (result: TResult, args: TArgs) => unknown
  /** Where a failure goes instead of a toast: a form, a conflict notice, the page's own logic. */
  onError?: (error: Error, args: TArgs) => unknown
  /** False when the page shows `error` itself, or a failure needs no word. */
  toastErrors?: boolean
  onMutate?: () => unknown
  onSettled?: () => unknown
  retry?: UseMutationOptions<TResult, Error, TArgs>['retry']
}

const successText = <TArgs, TResult>(
  success: string | ((result: TResult, args: TArgs) => string),
  result: TResult,
  args: TArgs,
) => (typeof success === 'function' ? success(result, args) : success)

/**
 * Every change the app makes goes through here: on success a toast, the queries showing it
 * reloaded, then `onSuccess`; a failure is toasted in the reader's language unless the caller
 * places it (`onError`) or shows it itself (`toastErrors: false`).
 */
export function useAction<TArgs, TResult>(
  run: (args: TArgs) => Promise<TResult>,
  options: ActionOptions<TArgs, TResult> = {},
) {
  const { message } = App.useApp()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  const { invalidate = [], success, onSuccess, onError, toastErrors = true } = options
  return useMutation<TResult, Error, TArgs>({
    mutationFn: run,
    retry: options.retry,
    onMutate: options.onMutate,
    onSettled: options.onSettled,
    onError: (error, args) => {
      if (onError) return void onError(error, args)
      if (toastErrors) void message.error(errorText(error))
    },
    onSuccess: async (result, args) => {
      if (success) void message.success(successText(success, result, args))
      for (const queryKey of invalidate) await queryClient.invalidateQueries({ queryKey })
      await onSuccess?.(result, args)
    },
  })
}
