import { sql } from 'drizzle-orm'
import type { Executor } from '../../../db/database'
import { DEFAULT_CATEGORIES } from './catalogue'
import { publicByDefault } from './categories.public'

/**
 * Keeps the shipped catalogues in the database in step with the code, in one statement: new classes
 * are added and shipped ones updated, except those the deployment has edited.
 */
export async function syncCategories(ex: Executor): Promise<void> {
  let big = ''
  const rows = DEFAULT_CATEGORIES.map((c) => {
    if (c.code.length === 2) big = c.code
    return {
      code: c.code,
      catalogue: c.catalogue,
      parent_code: c.code.length === 2 ? null : big,
      name_zh: c.zh,
      name_en: c.en,
      legacy: c.legacy ?? [],
      standard: c.standard ?? null,
      fields: c.fields ?? [],
      is_public: publicByDefault(c),
    }
  })
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
}
