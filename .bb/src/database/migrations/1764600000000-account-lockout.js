/** Temporary lock-out after repeated failed logins. */
export class AccountLockout1764600000000 {
    constructor() {
        this.name = 'AccountLockout1764600000000';
    }
    async up(q) {
        await q.query(`ALTER TABLE accounts ADD COLUMN locked_until timestamptz`);
    }
    async down(q) {
        await q.query(`ALTER TABLE accounts DROP COLUMN locked_until`);
    }
}
//# sourceMappingURL=1764600000000-account-lockout.js.map