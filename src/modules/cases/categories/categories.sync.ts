import type { Executor } from '../../../db/database'
import { DEFAULT_CATEGORIES } from './catalogue'
import { publicByDefault } from './categories.public'
import { categoriesRepo, type ShippedCategory } from './categories.repo'

/**
 * Keeps the shipped catalogues in the database in step with the code, in one statement: new classes
 * are added and shipped ones updated, except those the deployment has edited.
 */
export async function syncCategories(ex: Executor): Promise<void> {
  let big = ''
  const rows = DEFAULT_CATEGORIES.map((c): ShippedCategory => {
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
  await categoriesRepo.syncShipped(ex, rows)
}
