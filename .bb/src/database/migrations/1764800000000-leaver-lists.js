/**
 * Leaver lists (第十九条): a school proposes the students leaving a stage, its supervising
 * authority approves the list, and a queued job signs the whole class in chunks. The items are
 * the job's own progress record: a chunk locks its pending items, and the certificates, their
 * numbers and status entries commit together with the items marked issued.
 */
export class LeaverLists1764800000000 {
    constructor() {
        this.name = 'LeaverLists1764800000000';
    }
    async up(q) {
        await q.query(`
      CREATE TABLE leaver_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES organisations(id),
        scope_path varchar(80) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('proposed','refused','issuing','issued')),
        total integer NOT NULL CHECK (total > 0),
        proposed_by uuid NOT NULL REFERENCES accounts(id),
        proposed_at timestamptz NOT NULL,
        reviewed_by uuid REFERENCES accounts(id),
        reviewed_at timestamptz,
        refusal_reason varchar(500),
        issuer_organisation_id uuid REFERENCES organisations(id),
        finished_at timestamptz,
        CHECK ((state = 'proposed') = (reviewed_at IS NULL)),
        CHECK ((state = 'refused') = (refusal_reason IS NOT NULL)),
        CHECK ((state IN ('issuing','issued')) = (issuer_organisation_id IS NOT NULL))
      )`);
        await q.query(`CREATE INDEX leaver_lists_scope ON leaver_lists (scope_path text_pattern_ops, proposed_at DESC)`);
        // Lists a restarted instance must resume: few at a time, so a tiny partial index.
        await q.query(`CREATE INDEX leaver_lists_issuing ON leaver_lists (proposed_at) WHERE state = 'issuing'`);
        await q.query(`
      CREATE TABLE leaver_list_items (
        list_id uuid NOT NULL REFERENCES leaver_lists(id),
        position integer NOT NULL CHECK (position >= 0),
        student_id uuid NOT NULL REFERENCES students(id),
        leaving_kind varchar(16) NOT NULL CHECK (leaving_kind IN ('graduation','completion','incompletion')),
        leaving_date date NOT NULL,
        state varchar(16) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','issued','failed')),
        certificate_id uuid REFERENCES certificates(id),
        error_code varchar(64),
        error_detail varchar(500),
        PRIMARY KEY (list_id, position),
        UNIQUE (list_id, student_id),
        CHECK ((state = 'issued') = (certificate_id IS NOT NULL)),
        CHECK ((state = 'failed') = (error_code IS NOT NULL))
      )`);
        // The job's work queue: pending items of a list, in order.
        await q.query(`CREATE INDEX leaver_list_items_pending ON leaver_list_items (list_id, position) WHERE state = 'pending'`);
        await q.query(`CREATE INDEX leaver_list_items_student ON leaver_list_items (student_id)`);
    }
    async down(q) {
        await q.query(`DROP TABLE leaver_list_items`);
        await q.query(`DROP TABLE leaver_lists`);
    }
}
//# sourceMappingURL=1764800000000-leaver-lists.js.map