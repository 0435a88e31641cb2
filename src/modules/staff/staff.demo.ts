import type { Executor } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import { departmentsRepo } from './departments.repo'
import type { Post } from './staff.posts'
import { staffRepo } from './staff.repo'

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉建国建华志强海燕'

const DEPARTMENTS = [
  ['police', '公安分局', 'police'],
  ['urban', '城市管理和综合执法局', 'urban_management'],
  ['civil', '民政局', 'civil_affairs'],
  ['health', '卫生健康局', 'health'],
  ['emergency', '应急管理局', 'emergency'],
  ['market', '市场监督管理局', 'market'],
  ['housing', '住房和城乡建设局', 'housing'],
  ['environment', '生态环境局', 'environment'],
  ['sanitation', '环境卫生管理所', 'sanitation'],
] as const

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
  for (const [code, name, kind] of DEPARTMENTS) {
    await departmentsRepo.insertUnlessTaken(ex, { id: uuidv7(), code, name, kind, contactPhone: '028-12345' })
    for (const d of districts) await departmentsRepo.serveByCode(ex, code, d.id)
  }
  return posts.length
}
