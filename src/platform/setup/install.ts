import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DidService } from '../../identity/did.service.js';
import { KeyStoreService } from '../../identity/key-store.service.js';
import { DataSource } from 'typeorm';
import { AccountOversightService } from '../accounts/account-oversight.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { OrganisationsService, ROOT_CODE } from '../organisations/organisations.service.js';

export const DEMO_PASSWORD = 'Xueji-Demo-2026';

const DEMO_TREE = [
  { parentCode: ROOT_CODE, code: '330000', name: '浙江省教育厅', username: 'zj.admin' },
  { parentCode: '330000', code: '330100', name: '杭州市教育局', username: 'hz.admin' },
  { parentCode: '330100', code: '330106', name: '杭州市西湖区教育局', username: 'xihu.admin' },
  { parentCode: '330106', code: '3330106001', name: '杭州市西湖区示范小学', username: 'xihu.school' },
];

export interface InstallReport {
  accountsCreated: Array<{ username: string; organisation: string; password: string }>;
  countyDid: string | null;
}

/**
 * Prepares a fresh install: the national root and its administrator. With `demo`, adds
 * 浙江省 → 杭州市 → 西湖区 → one school and an account per level. Every education authority it
 * touches has both signing keys (Ed25519 and P-256) afterwards: new ones get them when they are
 * created, ones from before keys were made at creation get them here.
 * Safe to run again: what exists is kept.
 */
export async function install(app: INestApplicationContext, demo: boolean): Promise<InstallReport> {
  const organisations = app.get(OrganisationsService);
  const accounts = app.get(AccountsService);
  const report: InstallReport = { accountsCreated: [], countyDid: null };
  const root = await organisations.ensureRoot();
  const nationalPassword = demo ? DEMO_PASSWORD : `Xj-${randomBytes(12).toString('base64url')}`;
  const ensure = async (username: string, password: string, code: string, name: string) => {
    if (await accounts.exists(username)) return;
    // The system path: nobody is above the national administrator (nor the demo) to hand over a code.
    await accounts.createBySystem({ username, password, organisationCode: code });
    report.accountsCreated.push({ username, organisation: `${code} ${name}`, password });
  };
  const keys = app.get(KeyStoreService);
  await ensure('national.admin', nationalPassword, root.code, root.name);
  await keys.ensureSigningKeys(root.id);
  if (!demo) return report;
  for (const org of DEMO_TREE) {
    if (!(await organisations.findVisible(null, org.code))) await organisations.create(null, org);
    await ensure(org.username, DEMO_PASSWORD, org.code, org.name);
    const created = (await organisations.findVisible(null, org.code))!;
    if (created.level !== 'school') await keys.ensureSigningKeys(created.id);
  }
  await fileRegistrar(app, 'xihu.school', 'xihu.admin', { filedOn: '2026-09-01', reference: '西教学籍备〔2026〕1号', trainedOn: '2026-09-02', course: '学籍管理员岗前培训' });
  report.countyDid = app.get(DidService).didForCode('330106');
  return report;
}

/**
 * Records a school registrar's filing (备案) and training as the authority above would over the
 * API (第二十二条), for the demo and test trees; audited like theirs. Done once: a registrar
 * already filed is left as it is.
 */
export async function fileRegistrar(
  app: INestApplicationContext,
  registrar: string,
  authority: string,
  record: { filedOn: string; reference: string; trainedOn: string; course: string },
): Promise<void> {
  const [row] = await app
    .get(DataSource)
    .query(`SELECT r.id AS registrar_id, r.filed_on, a.id AS authority_id, a.token_version FROM accounts r, accounts a WHERE r.username = $1 AND a.username = $2`, [registrar, authority]);
  if (!row || row.filed_on) return;
  const principal = await app.get(AccountsService).principalFor({ accountId: row.authority_id, tokenVersion: row.token_version });
  const oversight = app.get(AccountOversightService);
  await oversight.recordFiling(principal, row.registrar_id, { filedOn: record.filedOn, reference: record.reference });
  await oversight.recordTraining(principal, row.registrar_id, { trainedOn: record.trainedOn, course: record.course });
}
