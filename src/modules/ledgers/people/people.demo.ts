import type { Executor } from '../../../db/database'
import type { FieldCipher } from '../../../lib/field-crypto'
import { uuidv7 } from '../../../lib/ids'
import { loadCodeBook } from '../codes/codes.book'
import { idCheckCharacter } from '../validate/id-number'
import { peopleDemoRepo } from './people.demo.repo'
import { checkPerson } from './people.record'
import { type GridRef, peopleStore } from './people.store'

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '建华',
  '志强',
  '海燕',
  '桂兰',
]
const ROADS = ['东大街', '春熙路', '红星路', '书院街', '玉沙路']
const FOREIGN = [
  { name: 'SMITH JOHN', nationality: '美国', purpose: '工作' },
  { name: 'TANAKA YUKI', nationality: '日本', purpose: '留学' },
  { name: 'KIM MINJUN', nationality: '韩国', purpose: '商务' },
  { name: 'MÜLLER ANNA', nationality: '德国', purpose: '探亲' },
]

/** A small deterministic generator, so two demo loads of one seed hold the same people. */
function random(seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

/** A valid resident ID of the region `region` born on `born`, with the sex's parity. */
function residentId(region: string, born: string, order: number, male: boolean) {
  const seq = String(order % 500).padStart(2, '0') + (male ? '1' : '2')
  const first17 = `${region}${born.replaceAll('-', '')}${seq.slice(-3)}`
  return first17 + idCheckCharacter(first17)
}

/**
 * A few dozen people for the demo district, written through the people store (sealed, blind-indexed),
 * in the micro-grids of its first grids: registered, floating and foreign residents, two of them in
 * special groups. Answers how many were written.
 */
export async function seedDemoPeople(
  ex: Executor,
  fields: FieldCipher,
  micros: readonly (GridRef & { code: string })[],
  count = 36,
  seed = 1,
): Promise<number> {
  if (!micros.length) return 0
  const codes = await loadCodeBook(ex)
  const next = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T
  const items = []
  for (let i = 0; i < count; i++) {
    const grid = micros[i % micros.length] as GridRef & { code: string }
    const male = next() < 0.5
    const year = 1940 + Math.floor(next() * 65)
    const born = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`
    const kind = i % 9 === 8 ? 'foreign' : i % 4 === 3 ? 'floating' : 'registered'
    const address = `${pick(ROADS)}${10 + Math.floor(next() * 200)}号${1 + Math.floor(next() * 12)}栋${1 + Math.floor(next() * 4)}单元${100 * (1 + Math.floor(next() * 20)) + 1 + Math.floor(next() * 4)}室`
    const phone = `1${pick(['38', '39', '58', '86', '35'])}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`
    const foreign = FOREIGN[i % FOREIGN.length] as (typeof FOREIGN)[number]
    const input =
      kind === 'foreign'
        ? {
            kind,
            name: foreign.name,
            englishName: foreign.name,
            idNumber: `E${String(10_000_000 + Math.floor(next() * 89_999_999))}`,
            nationality: foreign.nationality,
            documentKind: '护照',
            purpose: foreign.purpose,
            arrivedOn: '2025-09-01',
            sex: male ? '1' : '2',
            birthDate: born,
            phone,
            currentAddress: address,
            gridCode: grid.code,
          }
        : {
            kind,
            name: pick([...SURNAMES]) + pick(GIVEN),
            idNumber: residentId(kind === 'floating' ? '510723' : '510104', born, i, male),
            ethnicity: next() < 0.9 ? '汉族' : '回族',
            education: pick(['大学本科', '普通高中', '初中', '大学专科']),
            maritalStatus: year < 1998 ? '已婚' : '未婚',
            occupation: pick(['教师', '个体经营', '退休', '职员', '务工', '学生']),
            phone,
            registeredAddress:
              kind === 'registered'
                ? address
                : `绵阳市三台县${pick(['北坝镇', '潼川镇'])}${1 + Math.floor(next() * 20)}组`,
            currentAddress: address,
            livesWhereRegistered: kind === 'registered' ? '是' : '否',
            gridCode: grid.code,
            ...(kind === 'floating'
              ? { inflowReason: pick(['务工', '经商', '就学']), registeredOn: '2024-03-01' }
              : {}),
          }
    const checked = checkPerson(input, codes)
    if (!checked.ok) continue
    items.push({ record: checked.record, grid })
  }
  const outcomes = await peopleStore(fields).upsertMany(ex, 'seed', items)
  // Two members of special groups: their profiles show break-glass at work.
  for (const [index, group] of [
    [1, 'elderly_alone'],
    [5, 'released'],
  ] as const) {
    const outcome = outcomes[index]
    const item = items[index]
    if (!outcome || !item) continue
    await peopleDemoRepo.addMembership(ex, {
      id: uuidv7(),
      personId: outcome.id,
      gridId: item.grid.id,
      gridPath: item.grid.path,
      group,
    })
  }
  return outcomes.length
}
