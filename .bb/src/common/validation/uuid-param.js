import { ValidationError } from '../errors/domain-error.js';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value) {
    return UUID.test(value);
}
/** Path ids are checked before they reach a uuid column (which would reject them with a 500). */
export function uuidParam(value, name) {
    if (!UUID.test(value))
        throw ValidationError.field(name, `${name} must be a UUID`);
    return value.toLowerCase();
}
//# sourceMappingURL=uuid-param.js.map