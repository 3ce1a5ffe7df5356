import { todayInChina } from '../../src/common/time/china-date.js';
import { addMonths } from '../../src/registry/domain/entry-rules.js';
import { login, PASSWORD, residentId, seedTree, type TestApp } from './test-app.js';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { loadCurrentYears } from './calendar.js';

/** `date` plus whole days (negative: earlier), YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const today = () => todayInChina();
export const monthsAgo = (n: number) => addMonths(todayInChina(), -n);
export const SHA = (c: string) => c.repeat(64);

export interface ChangeActors {
  /** The school's registrar (submits). */
  school: string;
  /** Two accounts of the school's supervising county (either may decide). */
  county: string;
  county2: string;
  /** Another county's school and county. */
  otherSchool: string;
  otherCounty: string;
}

/** Two trees (Hangzhou's 330106 and Nanjing's 320102), a second county account, this year's calendar. */
export async function changeActors(t: TestApp, prefix: string): Promise<ChangeActors> {
  const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, `${prefix}a`);
  const b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, `${prefix}b`);
  await t.app.get(AccountsService).createBySystem({ username: `${prefix}.county2`, password: PASSWORD, organisationCode: '330106' });
  await loadCurrentYears(t);
  return {
    school: await login(t, a.school),
    county: await login(t, a.county),
    county2: await login(t, `${prefix}.county2`),
    otherSchool: await login(t, b.school),
    otherCounty: await login(t, b.county),
  };
}

/** Enrols a student at the registrar's school: a junior secondary pupil, or a senior one. */
export async function enrolStudent(t: TestApp, registrar: string, seq: string, stage: 'primary' | 'junior' | 'senior' = 'junior'): Promise<string> {
  const facts = {
    primary: { birth: '2017-03-01', enrolmentDate: '2023-09-01', grade: 4 },
    junior: { birth: '2013-03-01', enrolmentDate: '2025-09-01', grade: 8 },
    senior: { birth: '2010-03-01', enrolmentDate: '2025-09-01', grade: 11 },
  }[stage];
  const res = await t.http
    .post('/students')
    .set('Authorization', registrar)
    .send({ idNumber: residentId('330106', facts.birth, seq), name: '测试学生', enrolmentDate: facts.enrolmentDate, educationStage: stage, grade: facts.grade })
    .expect(201);
  return res.body.id;
}
