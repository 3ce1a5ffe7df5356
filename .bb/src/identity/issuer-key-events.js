var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
/**
 * What other modules must redo when a key is revoked, e.g. re-sign the status lists that key
 * signed (certificates): a list signed by a revoked key would leave every status "unknown".
 * Identity does not know those documents; their owners subscribe here.
 */
let IssuerKeyEvents = class IssuerKeyEvents {
    constructor() {
        this.revokedListeners = [];
    }
    onRevoked(listener) {
        this.revokedListeners.push(listener);
    }
    async revoked(em, event) {
        for (const listener of this.revokedListeners)
            await listener(em, event);
    }
};
IssuerKeyEvents = __decorate([
    Injectable()
], IssuerKeyEvents);
export { IssuerKeyEvents };
//# sourceMappingURL=issuer-key-events.js.map