/**
 * The five levels of 第五条 / 第二十三条 (中央、省、市、县、学校) as a tree of organisations
 * keyed by administrative division codes (GB/T 2260) and, for schools, the 10-digit school
 * identification code (学校标识码). Every account acts inside its own subtree only, so the
 * materialised path helpers below are an authorisation boundary and fail closed.
 *
 * The province table is shared with the resident-ID rule: a pure constant, imported rather
 * than copied so the two lists cannot drift apart.
 */
import { isKnownProvinceCode } from '../../../registry/domain/resident-id.js';

export type OrgLevel = 'national' | 'province' | 'city' | 'county' | 'school';

/** Top to bottom. */
export const ORG_LEVELS: readonly OrgLevel[] = Object.freeze([
  'national',
  'province',
  'city',
  'county',
  'school',
] as const);

export type Role =
  | 'national_admin'
  | 'province_admin'
  | 'city_admin'
  | 'county_admin'
  | 'school_registrar';

const ROLE_BY_LEVEL: Readonly<Record<OrgLevel, Role>> = Object.freeze({
  national: 'national_admin',
  province: 'province_admin',
  city: 'city_admin',
  county: 'county_admin',
  school: 'school_registrar',
});

const NATIONAL_CODE = '000000';
/** The path of the national organisation, the root of every other path. */
export const ROOT_PATH = `/${NATIONAL_CODE}/`;
/** Root, up to three division codes, then at most one school, each closed by a slash. */
const PATH_PATTERN = /^\/000000\/(?:\d{6}\/){0,3}(?:\d{10}\/)?$/;
const CHILD_CODE_PATTERN = /^(?:\d{6}|\d{10})$/;

/**
 * 学校标识码 is ten digits: the first the school category, the next two the province's
 * division code (北京大学 4111010001: 4 higher education, 11 北京), then a sequence. We accept
 * the categories of this register — 1, 2, 3 and special education 5 (第十一条) — and a school
 * only under a county of the province its code names, so that nobody registers a school of
 * another province under their county.
 */
const SCHOOL_CODE_PATTERN = /^[1235]\d{9}$/;

const CODE_SHAPES: Readonly<Record<OrgLevel, string>> = Object.freeze({
  national: 'exactly 000000',
  province: 'six digits: a province code followed by 0000',
  city: 'six digits: province, a city part other than 00, then 00',
  county: 'six digits: province, a city part other than 00, and a county part other than 00',
  school: 'ten digits starting with 1, 2, 3 or 5 (the school identification code)',
});

export type OrgCodeCheck = { ok: true } | { ok: false; message: string };

/** The level directly below, or null for a school. */
export function childLevelOf(level: OrgLevel): OrgLevel | null {
  const index = ORG_LEVELS.indexOf(level);
  return ORG_LEVELS[index + 1] ?? null;
}

/** The administrator role of an account that belongs to an organisation of this level. */
export function roleForLevel(level: OrgLevel): Role {
  return ROLE_BY_LEVEL[level];
}

/**
 * Whether `code` may name an organisation of `level` under the organisation `parentCode`.
 * Division codes must nest: 330106 under 330100 under 330000 under 000000. Municipalities
 * follow the same rule through their city-level grouping code, e.g. Beijing's districts
 * 110105 sit under 110100 (市辖区). Schools sit under a county.
 */
export function validateOrgCode(
  level: OrgLevel,
  code: string,
  parentCode: string | null,
): OrgCodeCheck {
  if (shapeOfCode(code) !== level) {
    return refuse(`a ${level} code must be ${CODE_SHAPES[level]}`);
  }
  if (level !== 'national' && level !== 'school' && !isKnownProvinceCode(code.slice(0, 2))) {
    return refuse(`the ${level} code does not start with a known province code`);
  }
  return parentProblem(level, code, parentCode) ?? { ok: true };
}

/** `/000000/` + each code on the way down + `/`; the trailing slash is what makes prefix tests safe. */
export function childPath(parentPath: string, code: string): string {
  if (!PATH_PATTERN.test(parentPath)) {
    throw new RangeError('the parent path is not a well-formed organisation path');
  }
  if (!CHILD_CODE_PATTERN.test(code)) {
    throw new RangeError('a child code must be six or ten digits');
  }
  const path = `${parentPath}${code}/`;
  if (!PATH_PATTERN.test(path)) {
    throw new RangeError('the path would be deeper than the five levels allow');
  }
  return path;
}

/**
 * True when `path` is `ancestorPath` itself or lies below it. Both must be well-formed
 * paths ending in a slash; anything else answers false, because a lenient answer here
 * would let an account act outside its subtree (`/000000/33` is a prefix of
 * `/000000/330000/` but names nothing).
 */
export function isWithinSubtree(ancestorPath: string, path: string): boolean {
  if (!PATH_PATTERN.test(ancestorPath) || !PATH_PATTERN.test(path)) return false;
  return path.startsWith(ancestorPath);
}

/** The codes along a path, top down: `/000000/330000/…/3330106001/` → ['000000', '330000', …]. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * The province digits of a path (`/000000/330000/…` → `33`): a student number's province, and
 * the province key exactly as the store's generated `province_code` columns compute it
 * (`substr(path, 9, 2)`); empty at the national level.
 */
export function provinceKeyOf(path: string): string {
  return path.slice(8, 10);
}

/** The path of the authority directly above the organisation at `path` (the root answers itself). */
export function authorityAbove(path: string): string {
  const parts = pathCodes(path);
  return parts.length <= 1 ? path : `/${parts.slice(0, -1).join('/')}/`;
}

/** The code of the organisation directly above the last one in `path`, or null at the root. */
export function parentCodeOf(path: string): string | null {
  return pathCodes(path).at(-2) ?? null;
}

/** The level a code's shape implies, or null when it fits none (e.g. 330006, 12345). */
function shapeOfCode(code: string): OrgLevel | null {
  if (code === NATIONAL_CODE) return 'national';
  if (SCHOOL_CODE_PATTERN.test(code)) return 'school';
  const division = /^(\d{2})(\d{2})(\d{2})$/.exec(code);
  if (!division) return null;
  const [, , city, county] = division;
  if (city === '00') return county === '00' ? 'province' : null;
  return county === '00' ? 'city' : 'county';
}

function parentProblem(level: OrgLevel, code: string, parentCode: string | null): OrgCodeCheck | null {
  if (level === 'national') {
    return parentCode === null ? null : refuse('the national organisation has no parent');
  }
  if (parentCode === null) return refuse(`a ${level} needs a parent organisation`);
  if (level === 'school') {
    if (shapeOfCode(parentCode) !== 'county' || !isKnownProvinceCode(parentCode.slice(0, 2))) return refuse('a school must sit directly under a county');
    const province = code.slice(1, 3);
    return province === parentCode.slice(0, 2)
      ? null
      : refuse(`the school code names province ${province} (its 2nd and 3rd digits) but the county ${parentCode} is in province ${parentCode.slice(0, 2)}`);
  }
  const expected = expectedParentCode(level, code);
  return parentCode === expected
    ? null
    : refuse(`the ${level} ${code} must sit directly under ${expected}`);
}

/** For division codes the parent is implied by the code itself. */
function expectedParentCode(level: 'province' | 'city' | 'county', code: string): string {
  if (level === 'province') return NATIONAL_CODE;
  if (level === 'city') return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
