import { parseResidentId, PROVINCES, residentIdCheckCharacter, normaliseResidentId } from '../../../src/registry/domain/resident-id.js';

/**
 * What the enrolment form says about an ID number as it is typed, from the service's own rule
 * (src/registry/domain/resident-id.ts, bundled as is): nothing is sent to check it.
 */
export type IdNumberHint =
  | { state: 'empty' }
  | { state: 'ok'; regionCode: string; province: string; birthDate: string; gender: 'male' | 'female' }
  | { state: 'problem'; problem: 'format' | 'region' | 'birthDate' | 'checkCharacter'; expected?: string };

export function idNumberHint(input: string, today: string): IdNumberHint {
  if (!input.trim()) return { state: 'empty' };
  const result = parseResidentId(input, today);
  if (result.ok) {
    const { regionCode, birthDate, gender } = result.value;
    return { state: 'ok', regionCode, province: PROVINCES[regionCode.slice(0, 2)] ?? '', birthDate, gender };
  }
  if (result.problem !== 'checkCharacter') return { state: 'problem', problem: result.problem };
  return { state: 'problem', problem: 'checkCharacter', expected: residentIdCheckCharacter(normaliseResidentId(input).slice(0, 17)) };
}
