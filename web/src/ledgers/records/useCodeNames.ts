import { useTranslation } from 'react-i18next'

/**
 * The name of a shipped code in the reader's language (organization_kind, device_kind, dispute_kind);
 * a code a deployment added shows as itself until the code-table screen names it.
 */
export function useCodeName(table: 'organization_kind' | 'device_kind' | 'dispute_kind') {
  const { t } = useTranslation()
  return (code: string | null | undefined) =>
    code ? t(`records.codes.${table}.${code}`, { defaultValue: code }) : '—'
}

export const SHIPPED_KINDS = {
  organization_kind: [
    'enterprise',
    'individual_business',
    'social_organization',
    'shop',
    'key_place',
    'property_company',
    'owners_committee',
    'party_organization',
  ],
  device_kind: ['camera', 'sensor', 'fire_equipment', 'component', 'other'],
  dispute_kind: ['neighbour', 'family', 'property', 'labour', 'land', 'consumer', 'other'],
} as const
