import { randomBytes } from 'node:crypto';
import { DidService } from '../../identity/did.service.js';
import { KeyStoreService } from '../../identity/key-store.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { OrganisationsService, ROOT_CODE } from '../organisations/organisations.service.js';
export const DEMO_PASSWORD = 'Xueji-Demo-2026';
const DEMO_TREE = [
    { parentCode: ROOT_CODE, code: '330000', name: '浙江省教育厅', username: 'zj.admin' },
    { parentCode: '330000', code: '330100', name: '杭州市教育局', username: 'hz.admin' },
    { parentCode: '330100', code: '330106', name: '杭州市西湖区教育局', username: 'xihu.admin' },
    { parentCode: '330106', code: '3330106001', name: '杭州市西湖区示范小学', username: 'xihu.school' },
];
/**
 * Prepares a fresh install: the national root and its administrator. With `demo`, adds
 * 浙江省 → 杭州市 → 西湖区 → one school and an account per level. Every education authority it
 * touches has both signing keys (Ed25519 and P-256) afterwards: new ones get them when they are
 * created, ones from before keys were made at creation get them here.
 * Safe to run again: what exists is kept.
 */
export async function install(app, demo) {
    const organisations = app.get(OrganisationsService);
    const accounts = app.get(AccountsService);
    const report = { accountsCreated: [], countyDid: null };
    const root = await organisations.ensureRoot();
    const nationalPassword = demo ? DEMO_PASSWORD : `Xj-${randomBytes(12).toString('base64url')}`;
    const ensure = async (username, password, code, name) => {
        if (await accounts.exists(username))
            return;
        await accounts.create(null, { username, password, organisationCode: code });
        report.accountsCreated.push({ username, organisation: `${code} ${name}`, password });
    };
    const keys = app.get(KeyStoreService);
    await ensure('national.admin', nationalPassword, root.code, root.name);
    await keys.ensureSigningKeys(root.id);
    if (!demo)
        return report;
    for (const org of DEMO_TREE) {
        if (!(await organisations.findVisible(null, org.code)))
            await organisations.create(null, org);
        await ensure(org.username, DEMO_PASSWORD, org.code, org.name);
        const created = (await organisations.findVisible(null, org.code));
        if (created.level !== 'school')
            await keys.ensureSigningKeys(created.id);
    }
    report.countyDid = app.get(DidService).didForCode('330106');
    return report;
}
//# sourceMappingURL=install.js.map