import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

const CampaignsPage = lazy(() => import('./CampaignsPage').then((m) => ({ default: m.CampaignsPage })))
const CampaignPage = lazy(() => import('./CampaignPage').then((m) => ({ default: m.CampaignPage })))

export const campaignRoutes: RouteObject[] = [
  { path: 'campaigns', element: guarded('campaigns', <CampaignsPage />) },
  { path: 'campaigns/:id', element: guarded('campaigns', <CampaignPage />) },
]
