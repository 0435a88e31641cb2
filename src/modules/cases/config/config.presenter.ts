import { DEFAULT_CATEGORIES } from '../categories/catalogue'
import { isLocalExtension } from '../categories/catalogue.local'
import { publicByDefault } from '../categories/categories.public'
import type { CategoryConfigRow, RouteRow } from './config.repo'
import type { CategoryConfig } from './config.schema'

type Level = 'grid' | 'community' | 'street' | 'district'

/** The shipped catalogues by code: what a category is reset to. */
export const SHIPPED = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c]))

export function toCategoryConfig(row: CategoryConfigRow): CategoryConfig {
  const shipped = SHIPPED.get(row.code)
  return {
    code: row.code,
    catalogue: row.catalogue,
    parentCode: row.parent_code,
    zh: row.name_zh,
    en: row.name_en,
    active: row.active,
    public: row.is_public,
    edited: row.edited,
    local: isLocalExtension(row.code),
    standard: row.standard,
    shipped: shipped
      ? {
          zh: shipped.zh,
          en: shipped.en,
          public: publicByDefault(shipped),
          standard: shipped.standard ?? null,
        }
      : null,
    // Raw statements answer timestamps as text on some drivers.
    updatedAt: new Date(row.updated_at),
  }
}

export function toRoute(row: RouteRow) {
  return {
    id: row.id,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    gridRetired: row.grid_retired,
    categoryPrefix: row.category_prefix,
    categoryZh: row.category_zh,
    categoryEn: row.category_en,
    departmentCode: row.department_code,
    departmentName: row.department_name,
    level: row.level as Level | null,
    createdAt: new Date(row.created_at),
  }
}
