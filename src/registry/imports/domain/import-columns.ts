/**
 * The import template's columns: the Chinese headers a registrar's sheet has, and how each cell's
 * text becomes a field of the enrolment request (POST /students), so that a row is checked by the
 * very schema and rules a single enrolment is. Pure.
 */
import { ETHNICITIES } from '../../domain/codes/ethnicities.js';
import { NATIONALITIES } from '../../domain/codes/nationalities.js';
import { ADMISSION_METHODS, DISABILITY_CATEGORIES, GUARDIAN_RELATIONS } from '../../domain/codes/record-codes.js';

/** A cell's value as read from the file: text, trimmed; '' when empty. */
export type Cells = Readonly<Record<string, string>>;

export interface ImportColumn {
  header: string;
  /** The request field it fills, as zod names it in an issue path (`householdRegistration.divisionCode`). */
  field: string;
  required?: true;
  /** Shown in the template's note row. */
  hint: string;
}

export const GUARDIAN_COLUMNS_FOR = 2;

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { header: '姓名', field: 'name', required: true, hint: '与证件一致' },
  { header: '证件类型', field: 'idDocumentType', hint: '居民身份证(默认)/港澳台居民居住证/港澳居民来往内地通行证/台湾居民来往大陆通行证/护照/外国人永久居留身份证' },
  { header: '证件号码', field: 'idNumber', required: true, hint: '文本格式,勿用数字格式' },
  { header: '性别', field: 'gender', hint: '男/女;身份证可不填' },
  { header: '出生日期', field: 'birthDate', hint: 'YYYY-MM-DD;身份证可不填' },
  { header: '民族', field: 'ethnicity', hint: '如 汉族 或 01' },
  { header: '国籍', field: 'nationality', hint: '如 CHN 或 中国;身份证可不填' },
  { header: '入学日期', field: 'enrolmentDate', required: true, hint: 'YYYY-MM-DD' },
  { header: '学段', field: 'educationStage', required: true, hint: '小学/初中/高中' },
  { header: '年级', field: 'grade', required: true, hint: '1–12,或 一年级、初二、高一' },
  { header: '班级', field: 'className', hint: '如 一年级(2)班' },
  { header: '入学方式', field: 'admissionMethod', hint: Object.values(ADMISSION_METHODS).join('/') },
  { header: '户籍地区划代码', field: 'householdRegistration.divisionCode', hint: '六位县级行政区划代码' },
  { header: '户籍地', field: 'householdRegistration.address', hint: '户口簿上的地址' },
  { header: '残疾类别', field: 'specialEducation.category', hint: Object.values(DISABILITY_CATEGORIES).join('/') },
  { header: '残疾等级', field: 'specialEducation.level', hint: '一级–四级' },
  ...Array.from({ length: GUARDIAN_COLUMNS_FOR }, (_v, i) => [
    { header: `监护人${i + 1}关系`, field: `guardians.${i}.relation`, hint: Object.values(GUARDIAN_RELATIONS).join('/') },
    { header: `监护人${i + 1}姓名`, field: `guardians.${i}.name`, hint: '' },
    { header: `监护人${i + 1}电话`, field: `guardians.${i}.phone`, hint: '手机或带区号的固话' },
  ]).flat(),
];

const BY_FIELD = new Map(IMPORT_COLUMNS.map((c) => [c.field, c.header]));
export const HEADERS = new Set(IMPORT_COLUMNS.map((c) => c.header));
/** A leading row-number column is common in registrars' sheets and carries nothing. */
export const IGNORED_HEADERS = new Set(['序号']);

const DOCUMENT_TYPES: Record<string, string> = {
  居民身份证: 'resident_id',
  身份证: 'resident_id',
  港澳台居民居住证: 'hkmt_residence_permit',
  港澳居民来往内地通行证: 'hkmo_permit',
  台湾居民来往大陆通行证: 'taiwan_permit',
  护照: 'passport',
  外国人永久居留身份证: 'foreign_permanent_residence',
};
const GENDERS: Record<string, string> = { 男: 'male', 女: 'female' };
const STAGES: Record<string, string> = { 小学: 'primary', 初中: 'junior', 高中: 'senior' };
const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const LEVELS: Record<string, number> = { 一级: 1, 二级: 2, 三级: 3, 四级: 4 };

const invert = (labels: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));
const ETHNICITY_BY_NAME = invert(ETHNICITIES);
const ADMISSION_BY_LABEL = invert(ADMISSION_METHODS);
const DISABILITY_BY_LABEL = invert(DISABILITY_CATEGORIES);
const RELATION_BY_LABEL = invert(GUARDIAN_RELATIONS);
const NATIONALITY_BY_NAME = new Map([...NATIONALITIES.values()].map((n) => [n.name, n.alpha3]));
NATIONALITY_BY_NAME.set('中国', 'CHN');

/** A Chinese label or the code itself; an unknown value goes through as typed, for the schema to refuse by name. */
const coded = (table: Readonly<Record<string, string>>) => (text: string) => (Object.hasOwn(table, text) ? table[text] : text);

/** 'YYYY/M/D', 'YYYY.MM.DD', 'YYYYMMDD' and 'YYYY年M月D日' as YYYY-MM-DD; anything else as typed. */
export function sheetDate(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/** '7', '七年级', '初一' (7), '高三' (12); NaN when it is none of these. */
export function sheetGrade(text: string): number {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const junior = /^初([一二三])$/.exec(text);
  if (junior) return 6 + NUMERALS.indexOf(junior[1]);
  const senior = /^高([一二三])$/.exec(text);
  if (senior) return 9 + NUMERALS.indexOf(senior[1]);
  const named = /^(.+)年级$/.exec(text);
  const index = named ? NUMERALS.indexOf(named[1]) : -1;
  return index > 0 ? index : Number.NaN;
}

const relation = coded(RELATION_BY_LABEL);

const CONVERT: Record<string, (text: string) => unknown> = {
  idDocumentType: coded(DOCUMENT_TYPES),
  gender: coded(GENDERS),
  birthDate: sheetDate,
  ethnicity: (t) => (Object.hasOwn(ETHNICITY_BY_NAME, t) ? ETHNICITY_BY_NAME[t] : /^\d$/.test(t) ? `0${t}` : t),
  nationality: (t) => NATIONALITY_BY_NAME.get(t) ?? t.toUpperCase(),
  enrolmentDate: sheetDate,
  educationStage: coded(STAGES),
  grade: sheetGrade,
  admissionMethod: coded(ADMISSION_BY_LABEL),
  'specialEducation.category': coded(DISABILITY_BY_LABEL),
  'specialEducation.level': (t) => LEVELS[t] ?? (/^\d$/.test(t) ? Number(t) : Number.NaN),
};

const asTyped = (text: string) => text;
/** Each column's header, the request's path to its field, and how its text is read: worked out once. */
const READERS = IMPORT_COLUMNS.map((column) => ({
  header: column.header,
  path: column.field.split('.'),
  convert: CONVERT[column.field] ?? (column.field.endsWith('.relation') ? relation : asTyped),
}));

/**
 * One row as the enrolment request's input (not yet checked): filled cells only, nested as the
 * request nests them; `extra` holds the cells of the province's own fields.
 */
export function rowToRequest(cells: Cells, extra: Record<string, unknown>): Record<string, unknown> {
  const request: Record<string, unknown> = { extra };
  for (const { header, path, convert } of READERS) {
    const text = cells[header];
    if (text === undefined || text === '') continue;
    if (path.length === 1) request[path[0]] = convert(text);
    else setPath(request, path, convert(text));
  }
  if (Array.isArray(request.guardians)) request.guardians = request.guardians.filter((g) => g !== undefined);
  return request;
}

/** The header of the column a request field came from (zod issue path), or the field's own name (a province field). */
export function columnOf(path: ReadonlyArray<PropertyKey>, provinceLabels: ReadonlyMap<string, string>): string {
  const field = path.map(String).join('.');
  if (path[0] === 'extra' && path.length > 1) return provinceLabels.get(String(path[1])) ?? String(path[1]);
  return BY_FIELD.get(field) ?? BY_FIELD.get(path.slice(0, 1).map(String).join('.')) ?? (path[0] === 'guardians' ? '监护人' : field || '(行)');
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const nextIsIndex = /^\d+$/.test(path[i + 1]);
    node[key] ??= nextIsIndex ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
