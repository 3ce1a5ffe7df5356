import {
  childLevelOf,
  childPath,
  isWithinSubtree,
  ORG_LEVELS,
  parentCodeOf,
  pathCodes,
  type OrgLevel,
  roleForLevel,
  ROOT_PATH,
  validateOrgCode,
} from './org-level.js';

describe('levels and roles', () => {
  it('lists the five levels of 第二十三条 from the top', () => {
    expect(ORG_LEVELS).toEqual(['national', 'province', 'city', 'county', 'school']);
  });

  it.each<[OrgLevel, OrgLevel | null, string]>([
    ['national', 'province', 'national_admin'],
    ['province', 'city', 'province_admin'],
    ['city', 'county', 'city_admin'],
    ['county', 'school', 'county_admin'],
    ['school', null, 'school_registrar'],
  ])('%s has child level %s and role %s', (level, child, role) => {
    expect(childLevelOf(level)).toBe(child);
    expect(roleForLevel(level)).toBe(role);
  });
});

describe('validateOrgCode accepts', () => {
  it.each<[string, OrgLevel, string, string | null]>([
    ['the national root', 'national', '000000', null],
    ['a province', 'province', '330000', '000000'],
    ['Taiwan, which the tree may hold', 'province', '710000', '000000'],
    ['Hong Kong', 'province', '810000', '000000'],
    ['Macau', 'province', '820000', '000000'],
    ['a city', 'city', '330100', '330000'],
    ["Beijing's district grouping", 'city', '110100', '110000'],
    ['a county-level city directly under a province, grouped as 9000', 'city', '429000', '420000'],
    ['a county', 'county', '330106', '330100'],
    ['a Beijing district', 'county', '110105', '110100'],
    ['a primary school', 'school', '2330001234', '330106'],
    ['a secondary school', 'school', '3330106001', '330106'],
    ['a kindergarten-category code', 'school', '1330000001', '330106'],
    ['a special-education school (第十一条)', 'school', '5330000001', '330106'],
  ])('%s', (_name, level, code, parentCode) => {
    expect(validateOrgCode(level, code, parentCode)).toEqual({ ok: true });
  });
});

describe('validateOrgCode refuses', () => {
  it.each<[string, OrgLevel, string, string | null, RegExp]>([
    ['a national root with a parent', 'national', '000000', '330000', /no parent/],
    ['a national code other than 000000', 'national', '110000', null, /exactly 000000/],
    ['an unknown province', 'province', '990000', '000000', /known province/],
    ['the residence-permit code 83', 'province', '830000', '000000', /known province/],
    ['a province under another province', 'province', '330000', '110000', /directly under 000000/],
    ['a province without a parent', 'province', '330000', null, /needs a parent/],
    ['a city code at province level', 'province', '330100', '000000', /province code/],
    ['a city with city part 00', 'city', '330000', '330000', /city part other than 00/],
    ['a city under the wrong province', 'city', '330100', '320000', /directly under 330000/],
    ['a city straight under the root', 'city', '330100', '000000', /directly under 330000/],
    ['a city in an unknown province', 'city', '990100', '990000', /known province/],
    ['a county with county part 00', 'county', '330100', '330100', /county part other than 00/],
    ['a county with city part 00', 'county', '330006', '330000', /county part other than 00/],
    ['a county under the wrong city', 'county', '330106', '330200', /directly under 330100/],
    ['a county straight under its province', 'county', '330106', '330000', /directly under 330100/],
    ['a five-digit code', 'county', '33010', '330100', /six digits/],
    ['letters in a code', 'county', '3301AB', '330100', /six digits/],
    ['a school code of nine digits', 'school', '213300123', '330106', /ten digits/],
    ['a school code starting with 4 (higher education)', 'school', '4133010001', '330106', /ten digits/],
    ['a school code starting with 0', 'school', '0133000001', '330106', /ten digits/],
    ['a school under a city', 'school', '2133001234', '330100', /directly under a county/],
    ['a school under a province', 'school', '2133001234', '330000', /directly under a county/],
    ['a school under another school', 'school', '2133001234', '2133000001', /directly under a county/],
    ['a school under an unknown province county', 'school', '2133001234', '990106', /directly under a county/],
    ['a school without a parent', 'school', '2133001234', null, /needs a parent/],
    ['a school whose code names another province than its county', 'school', '2440001234', '330106', /names province 44 .* province 33/],
  ])('%s', (_name, level, code, parentCode, message) => {
    const result = validateOrgCode(level, code, parentCode);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('childPath', () => {
  it.each([
    ['a province under the root', ROOT_PATH, '330000', '/000000/330000/'],
    ['a city', '/000000/330000/', '330100', '/000000/330000/330100/'],
    ['a county', '/000000/330000/330100/', '330106', '/000000/330000/330100/330106/'],
    [
      'a school',
      '/000000/330000/330100/330106/',
      '3330106001',
      '/000000/330000/330100/330106/3330106001/',
    ],
  ])('builds the path of %s', (_name, parentPath, code, expected) => {
    expect(childPath(parentPath, code)).toBe(expected);
  });

  it.each([
    ['a parent path without the trailing slash', '/000000/330000', '330100'],
    ['a parent path not rooted at 000000', '/330000/', '330100'],
    ['an empty parent path', '', '330000'],
    ['a child under a school', '/000000/330000/330100/330106/3330106001/', '330107'],
    ['a fifth division level', '/000000/330000/330100/330106/', '330107'],
    ['a code with a slash in it', ROOT_PATH, '33/000'],
    ['a code of the wrong length', ROOT_PATH, '3300'],
  ])('refuses %s', (_name, parentPath, code) => {
    expect(() => childPath(parentPath, code)).toThrow(RangeError);
  });
});

describe('isWithinSubtree', () => {
  const county = '/000000/330000/330100/330106/';
  const school = `${county}3330106001/`;

  it.each([
    ['everything under the root', ROOT_PATH, school, true],
    ['a school under its province', '/000000/330000/', school, true],
    ['a school under its county', county, school, true],
    ['an organisation in its own subtree', county, county, true],
    ['a school in its own subtree', school, school, true],
    ['a neighbouring county', '/000000/330000/330100/330105/', school, false],
    ['another province', '/000000/320000/', school, false],
    ['an ancestor is not inside its descendant', county, '/000000/330000/', false],
    ['a prefix that is not a whole segment', '/000000/33/', '/000000/330000/', false],
    ['an ancestor missing its trailing slash', '/000000/330000/330100/33010', school, false],
    ['a code that merely starts like the ancestor', '/000000/330000/330100/', '/000000/330000/3301000/', false],
    ['an empty ancestor path', '', school, false],
    ['an empty path', ROOT_PATH, '', false],
  ])('%s → %s', (_name, ancestorPath, path, expected) => {
    expect(isWithinSubtree(ancestorPath, path)).toBe(expected);
  });
});

describe('path codes', () => {
  it('lists the codes top down and names the parent', () => {
    const path = '/000000/330000/330100/330106/3330106001/';
    expect(pathCodes(path)).toEqual(['000000', '330000', '330100', '330106', '3330106001']);
    expect(parentCodeOf(path)).toBe('330106');
    expect(parentCodeOf('/000000/')).toBeNull();
  });
});
