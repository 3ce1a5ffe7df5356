/** How a student leaves the stage (毕业/结业/肄业, 第十九条); graduates so far graduated. */
export class LeavingKind1764700000001 {
    constructor() {
        this.name = 'LeavingKind1764700000001';
    }
    async up(q) {
        await q.query(`ALTER TABLE students ADD COLUMN leaving_kind varchar(16) CHECK (leaving_kind IN ('graduation','completion','incompletion'))`);
        await q.query(`UPDATE students SET leaving_kind = 'graduation' WHERE status <> 'enrolled'`);
    }
    async down(q) {
        await q.query(`ALTER TABLE students DROP COLUMN leaving_kind`);
    }
}
//# sourceMappingURL=1764700000001-leaving-kind.js.map