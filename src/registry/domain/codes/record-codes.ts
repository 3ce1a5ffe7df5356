/**
 * Code lists of the record's basic information (第三条, 第十一条) besides ethnicity and
 * nationality, each with the Chinese term a console shows.
 */

/**
 * Disability categories (残疾类别) of GB/T 26341-2010 《残疾人残疾分类和分级》, as on the
 * disability certificate (残疾人证) that 第十一条 asks for. Each has four levels, 一级 (most
 * severe) to 四级; a multiple disability takes the level of its most severe part.
 */
export const DISABILITY_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
});

export const DISABILITY_CATEGORY_CODES = Object.keys(DISABILITY_CATEGORIES) as [string, ...string[]];

/**
 * How the student was admitted (入学方式). Our own short list, covering the admission routes of
 * the compulsory and senior stages: 就近入学 (compulsory education by residence, 义务教育法
 * 第十二条), 统一招生 (the senior-secondary entrance examination, 中考), 特长招生 (arts or sports
 * talent), 民族班招生 (ethnic classes), 统筹安排 (placed by the authority: children of migrant
 * workers, special-education and 送教上门 students), 借读 (studying at a school other than that
 * of the record's district), 其他.
 */
export const ADMISSION_METHODS = Object.freeze({
  nearby: '就近入学',
  unified: '统一招生',
  special_talent: '特长招生',
  ethnic_class: '民族班招生',
  assigned: '统筹安排',
  transient: '借读',
  other: '其他',
});

export type AdmissionMethod = keyof typeof ADMISSION_METHODS;
export const ADMISSION_METHOD_CODES = Object.keys(ADMISSION_METHODS) as [AdmissionMethod, ...AdmissionMethod[]];

/** A guardian contact's relation to the student (与学生关系), after GB/T 4761 家庭关系代码. */
export const GUARDIAN_RELATIONS = Object.freeze({
  father: '父亲',
  mother: '母亲',
  paternal_grandfather: '祖父',
  paternal_grandmother: '祖母',
  maternal_grandfather: '外祖父',
  maternal_grandmother: '外祖母',
  sibling: '兄弟姐妹',
  other_relative: '其他亲属',
  other_guardian: '其他监护人',
});

export type GuardianRelation = keyof typeof GUARDIAN_RELATIONS;
export const GUARDIAN_RELATION_CODES = Object.keys(GUARDIAN_RELATIONS) as [GuardianRelation, ...GuardianRelation[]];
