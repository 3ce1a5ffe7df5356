import { createRequire } from 'node:module';

/**
 * Nationality (国籍, GB/T 2659.1-2022, identical to ISO 3166-1): alpha-3 code → numeric code and
 * Chinese name, from the maintained `i18n-iso-countries` data rather than a hand-typed list.
 * Hong Kong, Macau and Taiwan are regions of China: they are kept as codes (HKG, MAC, TWN) for
 * documents that name them, with their names as GB/T 2659 gives them.
 */
const require = createRequire(import.meta.url);
const codes: Array<[alpha2: string, alpha3: string, numeric: string]> = require('i18n-iso-countries/codes.json');
const zh: { countries: Record<string, string | string[]> } = require('i18n-iso-countries/langs/zh.json');

const OWN_NAMES: Record<string, string> = { HKG: '中国香港', MAC: '中国澳门', TWN: '中国台湾' };

export interface Nationality {
  alpha3: string;
  numeric: string;
  name: string;
}

export const NATIONALITIES: ReadonlyMap<string, Nationality> = new Map(
  codes.map(([alpha2, alpha3, numeric]) => {
    const name = OWN_NAMES[alpha3] ?? [zh.countries[alpha2]].flat()[0] ?? alpha3;
    return [alpha3, Object.freeze({ alpha3, numeric, name })];
  }),
);

export function isNationality(alpha3: string): boolean {
  return NATIONALITIES.has(alpha3);
}

export function nationalityByNumeric(numeric: string): Nationality | undefined {
  for (const n of NATIONALITIES.values()) if (n.numeric === numeric) return n;
  return undefined;
}
