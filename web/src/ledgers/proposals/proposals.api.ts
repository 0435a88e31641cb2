import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components } from '../../api/openapi'

/** A field correction 采集 and its review 审核, values masked, with what the reader may do. */
export type Proposal = components['schemas']['ProposalView']
export type ProposalField = Proposal['fields'][number]

/** The queue's tabs: 待审核, 冲突, 已处理 (applied at once, approved or rejected). */
export const PROPOSAL_TABS = {
  pending: 'pending',
  conflict: 'conflict',
  done: 'applied,approved,rejected',
} as const
export type ProposalTab = keyof typeof PROPOSAL_TABS

export const proposalsKey = ['ledgers', 'proposals'] as const

export const useProposals = (tab: ProposalTab, mine: boolean) =>
  useInfiniteQuery({
    queryKey: [...proposalsKey, 'list', tab, mine],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get('/api/ledgers/proposals', {
        params: {
          query: {
            state: PROPOSAL_TABS[tab],
            ...(mine ? { mine: 'true' as const } : {}),
            limit: 50,
            cursor: pageParam,
          },
        },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useProposal = (id: string) =>
  useQuery({
    queryKey: [...proposalsKey, 'one', id],
    queryFn: () => api.get('/api/ledgers/proposals/{id}', { params: { path: { id } } }),
    retry: false,
  })

export const approveProposal = (id: string, version: number) =>
  api.post('/api/ledgers/proposals/{id}/approve', { params: { path: { id } }, body: { version } })
export const rejectProposal = (id: string, reason: string) =>
  api.post('/api/ledgers/proposals/{id}/reject', { params: { path: { id } }, body: { reason } })
