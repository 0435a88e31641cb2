/**
 * Default department keys 职能部门. A deployment maps them onto its own departments (its departments'
 * codes); the case catalogues may name only these, so that the shipped defaults stay portable.
 */
export const DEPARTMENT_KEYS = [
  { key: 'urban_management', zh: '城管（综合行政执法）', en: 'Urban management' },
  { key: 'municipal', zh: '市政设施管理', en: 'Municipal facilities' },
  { key: 'sanitation', zh: '环卫', en: 'Sanitation' },
  { key: 'greening', zh: '园林绿化', en: 'Parks and greening' },
  { key: 'housing', zh: '住建', en: 'Housing and construction' },
  { key: 'natural_resources', zh: '自然资源和规划', en: 'Natural resources and planning' },
  { key: 'transport', zh: '交通', en: 'Transport' },
  { key: 'traffic_police', zh: '公安交管', en: 'Traffic police' },
  { key: 'water', zh: '水务', en: 'Water' },
  { key: 'environment', zh: '生态环境', en: 'Ecology and environment' },
  { key: 'market', zh: '市场监管', en: 'Market supervision' },
  { key: 'police', zh: '公安', en: 'Police' },
  { key: 'fire', zh: '消防', en: 'Fire and rescue' },
  { key: 'emergency', zh: '应急管理', en: 'Emergency management' },
  { key: 'civil_affairs', zh: '民政', en: 'Civil affairs' },
  { key: 'health', zh: '卫健', en: 'Health' },
  { key: 'medical_security', zh: '医保', en: 'Medical insurance' },
  { key: 'education', zh: '教育', en: 'Education' },
  { key: 'human_resources', zh: '人社', en: 'Human resources and social security' },
  { key: 'justice', zh: '司法', en: 'Justice' },
  { key: 'political_legal', zh: '政法委（综治中心）', en: 'Political and legal affairs (governance centre)' },
  { key: 'letters_visits', zh: '信访', en: 'Letters and visits' },
  { key: 'agriculture', zh: '农业农村', en: 'Agriculture and rural affairs' },
  { key: 'culture_tourism', zh: '文旅体', en: 'Culture, tourism and sports' },
  { key: 'commerce', zh: '商务经信', en: 'Commerce and industry' },
  { key: 'government_services', zh: '政务服务', en: 'Government services' },
  { key: 'youth_league', zh: '共青团', en: 'Youth league' },
  { key: 'power', zh: '供电', en: 'Power supply' },
  { key: 'gas', zh: '燃气', en: 'Gas supply' },
  { key: 'heating', zh: '供热', en: 'Heating' },
  { key: 'telecom', zh: '通信', en: 'Telecommunications' },
  { key: 'postal', zh: '邮政快递', en: 'Post and express delivery' },
  { key: 'property', zh: '物业', en: 'Property management' },
] as const

export type DepartmentKey = (typeof DEPARTMENT_KEYS)[number]['key']
