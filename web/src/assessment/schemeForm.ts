import type { Indicator, Scheme, SchemeBody } from './assessment.api'

/**
 * A scheme as its editor holds it: rates in per cent (what offices write, 95 not 0.95), every other
 * unit as the API keeps it.
 */
export interface SchemeFormValues {
  nameZh: string
  nameEn: string
  items: { indicator?: string; weight?: number; floor?: number; target?: number }[]
  bonuses: { indicator?: string; atLeast?: number; points?: number }[]
  stars: { minScore?: number; stars?: number }[]
  lists: { red: number; black: number; blackBelow: number }
  subsidy: {
    pieceRates: { indicator?: string; yuan?: number }[]
    hourly: { indicator?: string; yuan?: number }
    quality: { minScore?: number; factor?: number }[]
    cap?: number
  } | null
}

type Units = readonly Pick<Indicator, 'key' | 'unit'>[]

const isRate = (catalogue: Units, key: string | undefined) =>
  catalogue.find((i) => i.key === key)?.unit === 'rate'

// 0.95 × 100 is 95.00000000000001: a figure is rounded to what a person could have typed.
const toPercent = (n: number) => Math.round(n * 1_000_000) / 10_000
const fromPercent = (n: number) => Math.round(n * 10_000) / 1_000_000

export function toForm(scheme: Scheme, catalogue: Units): SchemeFormValues {
  const b = scheme.body
  return {
    nameZh: scheme.name.zh,
    nameEn: scheme.name.en,
    items: b.items.map((i) =>
      isRate(catalogue, i.indicator)
        ? { ...i, floor: toPercent(i.floor), target: toPercent(i.target) }
        : { ...i },
    ),
    bonuses: b.bonuses.map((x) =>
      isRate(catalogue, x.indicator) ? { ...x, atLeast: toPercent(x.atLeast) } : { ...x },
    ),
    stars: b.stars.map((s) => ({ ...s })),
    lists: { ...b.lists },
    subsidy: b.subsidy
      ? {
          pieceRates: b.subsidy.pieceRates.map((p) => ({ ...p })),
          hourly: { ...b.subsidy.hourly },
          quality: b.subsidy.quality.map((q) => ({ ...q })),
          cap: b.subsidy.cap,
        }
      : null,
  }
}

const num = (n: number | undefined) => n ?? 0

export function fromForm(
  values: SchemeFormValues,
  catalogue: Units,
): { name: Scheme['name']; body: SchemeBody } {
  const s = values.subsidy
  return {
    name: { zh: values.nameZh.trim(), en: values.nameEn.trim() },
    body: {
      items: values.items.map((i) => {
        const rate = isRate(catalogue, i.indicator)
        const floor = num(i.floor)
        const target = num(i.target)
        return {
          indicator: i.indicator ?? '',
          weight: num(i.weight),
          floor: rate ? fromPercent(floor) : floor,
          target: rate ? fromPercent(target) : target,
        }
      }),
      bonuses: (values.bonuses ?? []).map((x) => ({
        indicator: x.indicator ?? '',
        atLeast: isRate(catalogue, x.indicator) ? fromPercent(num(x.atLeast)) : num(x.atLeast),
        points: num(x.points),
      })),
      stars: values.stars.map((r) => ({ minScore: num(r.minScore), stars: num(r.stars) })),
      lists: values.lists,
      subsidy: s
        ? {
            pieceRates: s.pieceRates.map((p) => ({ indicator: p.indicator ?? '', yuan: num(p.yuan) })),
            hourly: { indicator: s.hourly.indicator ?? '', yuan: num(s.hourly.yuan) },
            quality: s.quality.map((q) => ({ minScore: num(q.minScore), factor: num(q.factor) })),
            cap: num(s.cap),
          }
        : null,
    },
  }
}

/** The weights' total as the editor shows it (the server weighs in proportion, so any total works). */
export const weightTotal = (items: SchemeFormValues['items'] | undefined) =>
  Math.round((items ?? []).reduce((sum, i) => sum + (i?.weight ?? 0), 0) * 100) / 100
