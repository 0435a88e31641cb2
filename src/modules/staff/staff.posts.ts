/** The posts of a grid, the role each grants in the grid, and whether it counts as a worker. */
export const POSTS = {
  grid_chief: { zh: '网格长', en: 'Grid chief', role: 'community_chief', worker: false },
  instructor: { zh: '网格指导员', en: 'Grid instructor', role: 'grid_instructor', worker: false },
  full_time_worker: { zh: '专职网格员', en: 'Full-time grid worker', role: 'grid_worker', worker: true },
  part_time_worker: { zh: '兼职网格员', en: 'Part-time grid worker', role: 'grid_worker', worker: true },
  micro_leader: { zh: '微网格长', en: 'Micro-grid leader', role: 'grid_worker', worker: true },
  liaison: { zh: '联络员', en: 'Liaison', role: 'grid_worker', worker: false },
  building_head: { zh: '楼栋长', en: 'Building head', role: 'grid_worker', worker: false },
  specialist: { zh: '专业网格员', en: 'Department specialist', role: 'department_staff', worker: false },
} as const

export type Post = keyof typeof POSTS
export const POST_KEYS = Object.keys(POSTS) as [Post, ...Post[]]
