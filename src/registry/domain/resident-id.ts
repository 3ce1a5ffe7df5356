/**
 * Mainland resident identity card number (公民身份号码, GB 11643-1999): the document a
 * school uses to create a record (第六条) and the key for refusing duplicates (第九条).
 *
 * Layout: 6-digit region code (GB/T 2260, county level) + 8-digit birth date + 3-digit
 * sequence (odd = male) + 1 check character (ISO 7064 MOD 11-2, '0'-'9' or 'X').
 *
 * Two rules the messages must keep: they reach API error responses and logs, so they
 * NEVER quote the number or any part of it, and they contain no digits at all (the
 * spec asserts this), which also keeps them safe to translate and compare.
 *
 * The region is checked for shape, not against today's division list: a number keeps
 * the county code of the place and time it was issued, and counties are merged and
 * renamed every year, so a current list would reject real people.
 */

/** Province-level codes of GB/T 2260 (code → name). Includes Taiwan, Hong Kong and Macau. */
export const PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
});

/** Own keys only: `'constructor' in PROVINCES` is true, so `in` is not a safe test. */
export function isKnownProvinceCode(code: string): boolean {
  return Object.hasOwn(PROVINCES, code);
}

/**
 * 71, 81 and 82 are never issued on a mainland resident identity card. 81, 82 and 83
 * (83 = Taiwan, a code outside GB/T 2260) appear only on the residence permits for Hong
 * Kong, Macau and Taiwan residents (港澳台居民居住证), which share this layout with region
 * 810000 / 820000 / 830000. Those permits are a different document type (第十条) with
 * their own rule; accepting them here would record the wrong document type, so they
 * are rejected with a message that points the user to the right one.
 */
const NOT_ON_MAINLAND_CARDS = new Set(['71', '81', '82', '83']);

/**
 * Prefecture-level cities without counties or districts (不设区的地级市): their people's
 * numbers carry the city code itself, which otherwise marks a city, not a county.
 */
export const CITIES_WITHOUT_COUNTIES: ReadonlySet<string> = new Set(['441900', '442000', '460400', '620200']);

const EARLIEST_BIRTH_DATE = '1900-01-01';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type ResidentIdProblem = 'format' | 'region' | 'birthDate' | 'checkCharacter';

export interface ResidentId {
  /** 18 ASCII characters, check character upper-case: the form to store and compare. */
  normalised: string;
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
}

export type ResidentIdResult =
  | { ok: true; value: ResidentId }
  | { ok: false; problem: ResidentIdProblem; message: string };

const MESSAGES = {
  format: 'the number must be eighteen characters: seventeen digits followed by a digit or X',
  unknownProvince: 'the region code does not start with a known province',
  notMainland:
    'the region code belongs to Hong Kong, Macau or Taiwan, which mainland resident identity cards do not use; record the residence permit or other document instead',
  notCounty: 'the region code is not a county-level division',
  notADate: 'the birth date is not a real calendar date',
  future: 'the birth date is in the future',
  tooEarly: 'the birth date is earlier than the first of January nineteen hundred',
  checkCharacter: 'the check character does not match',
} as const;

/**
 * ISO 7064 MOD 11-2 check character over any run of digits; the same rule serves the
 * resident ID (17 digits) and our student number (15 digits).
 */
export function mod11_2CheckCharacter(digits: string): string {
  if (!/^\d+$/.test(digits)) {
    throw new RangeError('MOD 11-2 needs a non-empty string of digits');
  }
  let remainder = 0;
  for (let i = 0; i < digits.length; i++) {
    remainder = ((remainder + digits.charCodeAt(i) - 48) * 2) % 11;
  }
  const check = (12 - remainder) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The check character for the first 17 digits of a resident ID number. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('a resident ID check character needs exactly seventeen digits');
  }
  return mod11_2CheckCharacter(first17);
}

/**
 * Parses what a person typed or a form sent. Problems are reported in the order a person
 * would fix them: shape, region, birth date, and the check character last (a typo in
 * the date also breaks the check, and "the date is wrong" is the more useful answer).
 */
export function parseResidentId(input: string, today: string): ResidentIdResult {
  assertIsoDate(today);
  const normalised = normaliseResidentId(input);
  if (!/^\d{17}[\dX]$/.test(normalised)) return failure('format', MESSAGES.format);

  const regionCode = normalised.slice(0, 6);
  const regionMessage = regionProblem(regionCode);
  if (regionMessage) return failure('region', regionMessage);

  const digits = normalised.slice(6, 14);
  const birthDate = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const birthMessage = birthDateProblem(birthDate, today);
  if (birthMessage) return failure('birthDate', birthMessage);

  if (residentIdCheckCharacter(normalised.slice(0, 17)) !== normalised[17]) {
    return failure('checkCharacter', MESSAGES.checkCharacter);
  }
  const gender = Number(normalised[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { normalised, regionCode, birthDate, gender } };
}

/**
 * Trim, drop spaces anywhere (people type the number in groups), fold full-width digits
 * and letters (Chinese input methods produce them) to ASCII, and upper-case the X.
 * Deliberately not NFKC: that would also turn ① or ² into digits.
 */
export function normaliseResidentId(input: string): string {
  if (NORMAL_RESIDENT_ID.test(input)) return input;
  return input
    .replace(/\s+/gu, '')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu, (ch) =>
      String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
    )
    .replace(/x/g, 'X');
}

/** Already as normalised: the common case, answered without the three replacements. */
const NORMAL_RESIDENT_ID = /^[\dX]*$/;

function regionProblem(regionCode: string): string | null {
  const province = regionCode.slice(0, 2);
  if (NOT_ON_MAINLAND_CARDS.has(province)) return MESSAGES.notMainland;
  if (!isKnownProvinceCode(province)) return MESSAGES.unknownProvince;
  if (CITIES_WITHOUT_COUNTIES.has(regionCode)) return null;
  const city = regionCode.slice(2, 4);
  const county = regionCode.slice(4, 6);
  if (city === '00' || county === '00') return MESSAGES.notCounty;
  return null;
}

export function birthDateProblem(birthDate: string, today: string): string | null {
  if (!isCalendarDate(birthDate)) return MESSAGES.notADate;
  if (birthDate > today) return MESSAGES.future;
  if (birthDate < EARLIEST_BIRTH_DATE) return MESSAGES.tooEarly;
  return null;
}

/**
 * True for a YYYY-MM-DD string naming a real day of the Gregorian calendar. Read digit by digit,
 * without a match array or substrings: an import asks it several times for each of its rows.
 */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const digit = (i: number) => value.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Days in a month (1–12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `today` comes from our own clock, so a bad one is a programming error, not a user's. */
function assertIsoDate(today: string): void {
  if (!isCalendarDate(today)) {
    throw new RangeError('today must be a real date in the form YYYY-MM-DD');
  }
}

function failure(problem: ResidentIdProblem, message: string): ResidentIdResult {
  return { ok: false, problem, message };
}
