/**
 * The code tables 代码表 the product ships, as [code, zh, en] (a sub-kind adds its parent's code).
 * Kept in step at start-up (`codes.sync.ts`): a shipped row's names are restored, an administrator's
 * own rows and de-activations are left alone.
 */
export type ShippedCode = readonly [code: string, zh: string, en: string, parent?: string]

/** GB/T 3304 民族 (the 56 ethnic groups; 97 other, 98 naturalised). */
const ETHNICITY: ShippedCode[] = (
  '汉族 Han,蒙古族 Mongol,回族 Hui,藏族 Tibetan,维吾尔族 Uyghur,苗族 Miao,彝族 Yi,壮族 Zhuang,布依族 Buyei,朝鲜族 Korean,' +
  '满族 Manchu,侗族 Dong,瑶族 Yao,白族 Bai,土家族 Tujia,哈尼族 Hani,哈萨克族 Kazakh,傣族 Dai,黎族 Li,傈僳族 Lisu,' +
  '佤族 Va,畲族 She,高山族 Gaoshan,拉祜族 Lahu,水族 Sui,东乡族 Dongxiang,纳西族 Nakhi,景颇族 Jingpo,柯尔克孜族 Kyrgyz,土族 Tu,' +
  '达斡尔族 Daur,仫佬族 Mulao,羌族 Qiang,布朗族 Blang,撒拉族 Salar,毛南族 Maonan,仡佬族 Gelao,锡伯族 Xibe,阿昌族 Achang,普米族 Pumi,' +
  '塔吉克族 Tajik,怒族 Nu,乌孜别克族 Uzbek,俄罗斯族 Russian,鄂温克族 Evenki,德昂族 Deang,保安族 Bonan,裕固族 Yugur,京族 Gin,塔塔尔族 Tatar,' +
  '独龙族 Derung,鄂伦春族 Oroqen,赫哲族 Hezhen,门巴族 Monpa,珞巴族 Lhoba,基诺族 Jino'
)
  .split(',')
  .map((pair, i) => {
    const [zh = '', en = ''] = pair.split(' ')
    return [String(i + 1).padStart(2, '0'), zh, en] as const
  })
  .concat([
    ['97', '其他', 'Other'],
    ['98', '外国血统中国籍人士', 'Naturalised, foreign origin'],
  ])

export const SHIPPED_CODES: Record<string, { zh: string; en: string; rows: ShippedCode[] }> = {
  ethnicity: { zh: '民族', en: 'Ethnicity', rows: ETHNICITY },
  sex: {
    zh: '性别',
    en: 'Sex',
    rows: [
      ['1', '男', 'Male'],
      ['2', '女', 'Female'],
      ['9', '未说明', 'Not stated'],
    ],
  },
  education: {
    zh: '学历',
    en: 'Education',
    rows: [
      ['10', '研究生', 'Postgraduate'],
      ['20', '大学本科', 'Bachelor'],
      ['30', '大学专科', 'College'],
      ['40', '中等职业教育', 'Vocational secondary'],
      ['60', '普通高中', 'Upper secondary'],
      ['70', '初中', 'Lower secondary'],
      ['80', '小学', 'Primary'],
      ['90', '其他', 'Other'],
    ],
  },
  marital_status: {
    zh: '婚姻状况',
    en: 'Marital status',
    rows: [
      ['10', '未婚', 'Never married'],
      ['20', '已婚', 'Married'],
      ['30', '丧偶', 'Widowed'],
      ['40', '离婚', 'Divorced'],
      ['90', '未说明', 'Not stated'],
    ],
  },
  political_status: {
    zh: '政治面貌',
    en: 'Political status',
    rows: [
      ['01', '中共党员', 'CPC member'],
      ['02', '中共预备党员', 'CPC probationary member'],
      ['03', '共青团员', 'CYL member'],
      ['04', '民主党派', 'Democratic party member'],
      ['12', '无党派人士', 'Non-partisan'],
      ['13', '群众', 'Ordinary citizen'],
    ],
  },
  relation: {
    zh: '与户主关系',
    en: 'Relation to head',
    rows: [
      ['01', '户主', 'Head'],
      ['10', '配偶', 'Spouse'],
      ['20', '子', 'Son'],
      ['30', '女', 'Daughter'],
      ['40', '孙子女', 'Grandchild'],
      ['50', '父母', 'Parent'],
      ['60', '祖父母', 'Grandparent'],
      ['70', '兄弟姐妹', 'Sibling'],
      ['99', '其他', 'Other'],
    ],
  },
  person_kind: {
    zh: '人口类型',
    en: 'Kind of resident',
    rows: [
      ['registered', '户籍人口', 'Registered'],
      ['floating', '流动人口', 'Floating'],
      ['foreign', '境外人员', 'Foreign'],
    ],
  },
  inflow_reason: {
    zh: '流入原因',
    en: 'Reason for moving in',
    rows: [
      ['01', '务工', 'Work'],
      ['02', '经商', 'Business'],
      ['03', '就学', 'Study'],
      ['04', '随迁家属', 'Family'],
      ['05', '投靠亲友', 'Staying with relatives'],
      ['06', '就医', 'Medical treatment'],
      ['99', '其他', 'Other'],
    ],
  },
  house_use: {
    zh: '房屋用途',
    en: 'House use',
    rows: [
      ['residential', '住宅', 'Residential'],
      ['commercial', '商业', 'Commercial'],
      ['office', '办公', 'Office'],
      ['industrial', '工业', 'Industrial'],
      ['mixed', '商住', 'Mixed'],
      ['other', '其他', 'Other'],
    ],
  },
  ownership: {
    zh: '产权性质',
    en: 'Ownership',
    rows: [
      ['private', '私产', 'Private'],
      ['public', '公产', 'Public'],
      ['collective', '集体', 'Collective'],
      ['unit', '单位产', 'Work unit'],
      ['other', '其他', 'Other'],
    ],
  },
  occupancy: {
    zh: '居住状况',
    en: 'Occupancy',
    rows: [
      ['self_occupied', '自住', 'Owner-occupied'],
      ['rented', '出租', 'Rented'],
      ['vacant', '空置', 'Vacant'],
      ['other', '其他', 'Other'],
    ],
  },
  special_group: {
    zh: '特殊及重点人群',
    en: 'Special and key groups',
    rows: [
      ['released', '刑满释放人员', 'Released prisoner'],
      ['correction', '社区矫正人员', 'Community correction'],
      ['mental', '严重精神障碍患者', 'Severe mental illness'],
      ['drug', '吸毒人员', 'Drug user'],
      ['aids_risk', '艾滋病危险人员', 'HIV risk'],
      ['key_youth', '重点青少年', 'Key youth (6–25)'],
      ['key_youth_idle', '闲散青少年', 'Idle youth', 'key_youth'],
      ['key_youth_misconduct', '有不良行为青少年', 'Youth with misconduct', 'key_youth'],
      ['key_youth_vagrant', '流浪乞讨青少年', 'Vagrant youth', 'key_youth'],
      ['key_youth_inmate_child', '服刑在教人员未成年子女', "Inmate's minor child", 'key_youth'],
      ['key_youth_left_behind', '农村留守儿童', 'Rural left-behind child', 'key_youth'],
      ['left_behind_child', '留守儿童', 'Left-behind child'],
      ['left_behind_woman', '留守妇女', 'Left-behind woman'],
      ['left_behind_elderly', '留守老人', 'Left-behind elderly'],
      ['elderly_alone', '独居老人', 'Elderly living alone'],
      ['disabled', '残疾人', 'Disabled'],
      ['low_income', '低保/困难群众', 'Low-income'],
      ['petitioner', '重点信访人员', 'Key petitioner'],
    ],
  },
  correction_class: {
    zh: '矫正类别',
    en: 'Correction class',
    rows: [
      ['control', '管制', 'Public surveillance'],
      ['probation', '缓刑', 'Probation'],
      ['parole', '假释', 'Parole'],
      ['outside_custody', '暂予监外执行', 'Temporary service outside prison'],
    ],
  },
  organization_kind: {
    zh: '组织类型',
    en: 'Kind of organisation',
    rows: [
      ['enterprise', '企业', 'Enterprise'],
      ['individual_business', '个体工商户', 'Individual business'],
      ['social_organization', '社会组织', 'Social organisation'],
      ['shop', '商铺', 'Shop'],
      ['key_place', '重点场所', 'Key place'],
      ['property_company', '物业公司', 'Property company'],
      ['owners_committee', '业主委员会', "Owners' committee"],
      ['party_organization', '党组织', 'Party organisation'],
    ],
  },
  device_kind: {
    zh: '设施设备类型',
    en: 'Kind of device',
    rows: [
      ['camera', '监控点位', 'Camera'],
      ['sensor', '感知设备', 'Sensor'],
      ['fire_equipment', '消防设施', 'Fire equipment'],
      ['component', '城市部件', 'Urban component'],
      ['other', '其他', 'Other'],
    ],
  },
  dispute_kind: {
    zh: '纠纷类型',
    en: 'Kind of dispute',
    rows: [
      ['neighbour', '邻里纠纷', 'Neighbours'],
      ['family', '婚姻家庭纠纷', 'Marriage and family'],
      ['property', '物业纠纷', 'Property management'],
      ['labour', '劳动争议', 'Labour'],
      ['land', '土地纠纷', 'Land'],
      ['consumer', '消费纠纷', 'Consumer'],
      ['other', '其他', 'Other'],
    ],
  },
}

/** Shipped visit policies 走访周期: group, from attention level, every N days. */
export const SHIPPED_VISIT_POLICIES: readonly (readonly [string, number, number])[] = [
  ['elderly_alone', 1, 7],
  ['mental', 1, 30],
  ['mental', 3, 14],
  ['correction', 1, 30],
  ['released', 1, 90],
  ['drug', 1, 30],
  ['left_behind_child', 1, 30],
  ['left_behind_elderly', 1, 30],
  ['key_youth', 1, 30],
  ['petitioner', 1, 30],
  ['disabled', 1, 90],
  ['low_income', 1, 90],
]
