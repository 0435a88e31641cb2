import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '../api/client'

// A 4xx will answer the same the second time; only network trouble and 5xx are worth another try.
const retry = (failures: number, error: unknown) =>
  failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500)

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
})
