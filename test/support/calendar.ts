import { todayInChina } from '../../src/common/time/china-date.js';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { OrganisationsService } from '../../src/platform/organisations/organisations.service.js';
import { CalendarService } from '../../src/workflow/calendar.service.js';
import { PASSWORD, type TestApp } from './test-app.js';

/**
 * Tests that act "today" over HTTP need this year's and next year's notices; once the clock has
 * passed the years shipped, plain weekends stand in for them (a deployment loads the real notice).
 */
export async function loadCurrentYears(t: TestApp): Promise<void> {
  const calendar = t.app.get(CalendarService);
  const loaded = (await calendar.years()).map((y) => y.year);
  const year = Number(todayInChina().slice(0, 4));
  const missing = [year, year + 1].filter((y) => !loaded.includes(y));
  if (missing.length === 0) return;
  const root = await t.app.get(OrganisationsService).ensureRoot();
  const account = await t.app.get(AccountsService).createBySystem({ username: `calendar.${Date.now()}`, password: PASSWORD, organisationCode: root.code });
  const principal: Principal = { accountId: account.id, role: 'national_admin', organisationId: root.id, organisationCode: root.code, organisationLevel: 'national', organisationPath: root.path, registrarFiled: true, passwordChangeOnly: false };
  for (const y of missing) await calendar.loadYear(principal, y, { holidays: [], workdays: [], source: 'test: weekends only' });
}
