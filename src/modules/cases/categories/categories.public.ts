import type { CategoryDef } from './categories.types'

/**
 * City-management classes about a person rather than a thing: 无照经营游商 and 流浪乞讨. Listing
 * them with a place and a time would point at someone.
 */
export const PERSON_CITY_CLASSES: readonly string[] = ['09001', '09003']

/**
 * Whether a shipped class's cases may appear in anonymous lists (Open311) unless the deployment says
 * otherwise: the components, environment and street order a passer-by sees (city catalogue), never
 * the social-governance catalogue 综治 21–28 (disputes, public order, petitions, special-care groups:
 * they concern persons) and never a city class about a person.
 */
export function publicByDefault(def: Pick<CategoryDef, 'code' | 'catalogue'>): boolean {
  return def.catalogue === 'city' && !PERSON_CITY_CLASSES.includes(def.code)
}

/**
 * Classes no configuration may list publicly: the whole social-governance catalogue (local
 * extensions in it too) and the city classes about a person.
 */
export function neverPublic(def: Pick<CategoryDef, 'code' | 'catalogue'>): boolean {
  return def.catalogue === 'social' || PERSON_CITY_CLASSES.includes(def.code)
}
