import { DomainError } from '../../common/errors/domain-error.js';
/** Rows of a leaver list the register refuses, each named `items.<index>.<field>`; nothing was written. */
export class LeaverRowsRejected extends DomainError {
    constructor(errors) {
        super('unprocessable', 'LEAVER_ROWS_REJECTED', `${errors.length} row problem(s): nothing was proposed`, errors);
    }
}
//# sourceMappingURL=leaver-list.errors.js.map