import { sql } from 'drizzle-orm'
import type { Executor } from '../../../db/database'
import type { ExtraField, FilingStandard } from './categories.types'

/** A shipped category as `syncCategories` writes it. */
export interface ShippedCategory {
  code: string
  catalogue: string
  parent_code: string | null
  name_zh: string
  name_en: string
  legacy: string[]
  standard: FilingStandard | null
  fields: ExtraField[]
  is_public: boolean
}

export const categoriesRepo = {
  /**
   * Adds the shipped categories and updates those already there, in one statement, except those the
   * deployment has edited.
   */
  async syncShipped(ex: Executor, rows: ShippedCategory[]): Promise<void> {
    await ex.execute(sql`insert into case_categories (code, catalogue, parent_code, name_zh, name_en, legacy, standard, fields, is_public)
    select x.code, x.catalogue, x.parent_code, x.name_zh, x.name_en,
      array(select json_array_elements_text(x.legacy)), x.standard::jsonb, x.fields::jsonb, x.is_public
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as x(code text, catalogue text, parent_code text, name_zh text, name_en text, legacy json, standard json, fields json, is_public boolean)
    on conflict (code) do update set catalogue = excluded.catalogue, parent_code = excluded.parent_code,
      name_zh = excluded.name_zh, name_en = excluded.name_en, legacy = excluded.legacy,
      standard = excluded.standard, fields = excluded.fields, is_public = excluded.is_public,
      updated_at = now()
    where not case_categories.edited`)
  },
}
