import type { Executor } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import type { DepartmentKey } from './department-kinds'
import { departmentsRepo } from './departments.repo'
import type { Post } from './staff.posts'
import { staffRepo } from './staff.repo'

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉建国建华志强海燕'

/**
 * One department of every kind the catalogues may name (department-kinds.ts), each serving the whole
 * district, so the default dispatch 按规则派遣 of every shipped category finds a handler in the demo.
 * The first nine keep the short codes journeys and scripts already quote.
 */
const DEPARTMENTS: Record<DepartmentKey, { code: string; name: string }> = {
  police: { code: 'police', name: '公安分局' },
  urban_management: { code: 'urban', name: '城市管理和综合执法局' },
  civil_affairs: { code: 'civil', name: '民政局' },
  health: { code: 'health', name: '卫生健康局' },
  emergency: { code: 'emergency', name: '应急管理局' },
  market: { code: 'market', name: '市场监督管理局' },
  housing: { code: 'housing', name: '住房和城乡建设局' },
  environment: { code: 'environment', name: '生态环境局' },
  sanitation: { code: 'sanitation', name: '环境卫生管理所' },
  municipal: { code: 'municipal', name: '市政设施管理所' },
  greening: { code: 'greening', name: '园林绿化管理所' },
  natural_resources: { code: 'natural_resources', name: '自然资源和规划分局' },
  transport: { code: 'transport', name: '交通运输局' },
  traffic_police: { code: 'traffic_police', name: '公安分局交通警察大队' },
  water: { code: 'water', name: '水务局' },
  fire: { code: 'fire', name: '消防救援大队' },
  medical_security: { code: 'medical_security', name: '医疗保障局' },
  education: { code: 'education', name: '教育局' },
  human_resources: { code: 'human_resources', name: '人力资源和社会保障局' },
  justice: { code: 'justice', name: '司法局' },
  political_legal: { code: 'political_legal', name: '社会治安综合治理中心' },
  letters_visits: { code: 'letters_visits', name: '信访局' },
  agriculture: { code: 'agriculture', name: '农业农村局' },
  culture_tourism: { code: 'culture_tourism', name: '文化体育和旅游局' },
  commerce: { code: 'commerce', name: '商务和经济信息化局' },
  government_services: { code: 'government_services', name: '政务服务管理局' },
  youth_league: { code: 'youth_league', name: '共青团区委' },
  power: { code: 'power', name: '供电服务中心' },
  gas: { code: 'gas', name: '燃气服务中心' },
  heating: { code: 'heating', name: '供热服务中心' },
  telecom: { code: 'telecom', name: '通信保障中心' },
  postal: { code: 'postal', name: '邮政管理局' },
  property: { code: 'property', name: '物业服务监管中心' },
}

/** The posts a demo grid gets: chiefs and instructors for communities, two workers per grid, a leader per micro-grid. */
const POSTS_BY_LEVEL: Record<string, Post[]> = {
  community: ['grid_chief', 'instructor'],
  grid: ['full_time_worker', 'part_time_worker'],
  micro: ['micro_leader'],
}

/**
 * Departments serving each demo district and people without accounts in the demo grids' posts, so
 * notice boards and the staffing report have something to show. Deterministic: names and phones
 * come from the grid codes.
 */
export async function seedDemoStaff(
  ex: Executor,
  grids: { id: string; code: string; level: string }[],
): Promise<number> {
  const posts = grids.flatMap((g) =>
    (POSTS_BY_LEVEL[g.level] ?? []).map((post, i) => {
      const n = Number(g.code.slice(-9)) * 7 + i * 13
      return {
        id: uuidv7(),
        grid_id: g.id,
        post,
        person_name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n >> 3) % GIVEN.length]}${i % 2 ? GIVEN[(n >> 5) % GIVEN.length] : ''}`,
        work_phone: `028-8${String(n % 10_000_000).padStart(7, '0')}`,
        duties:
          post === 'micro_leader'
            ? '联系本微网格住户，收集诉求，协助巡查'
            : '日常巡查、走访住户、采集信息、上报事件',
      }
    }),
  )
  for (let i = 0; i < posts.length; i += 2000) {
    await staffRepo.insertPersonPosts(ex, posts.slice(i, i + 2000))
  }
  const districts = grids.filter((g) => g.level === 'district')
  for (const [kind, { code, name }] of Object.entries(DEPARTMENTS)) {
    await departmentsRepo.insertUnlessTaken(ex, { id: uuidv7(), code, name, kind, contactPhone: '028-12345' })
    for (const d of districts) await departmentsRepo.serveByCode(ex, code, d.id)
  }
  return posts.length
}

/** The code of the demo's department of a kind (the demo's routing rules name it). */
export const demoDepartmentCode = (kind: DepartmentKey): string => DEPARTMENTS[kind].code
