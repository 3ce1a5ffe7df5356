var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Controller, Get, Header } from '@nestjs/common';
import { XUEJI_CERTIFICATE_CONTEXT_PATH, XUEJI_CERTIFICATE_CONTEXT_V1 } from '../identity/contexts/xueji-certificate-v1.js';
import { Public } from '../platform/auth/access.decorator.js';
/**
 * The JSON-LD context our certificates name besides VC 2.0 and OB 3.0, for verifiers outside
 * this service. A versioned URL whose document never changes, hence `immutable`.
 */
let ContextsController = class ContextsController {
    certificateContextV1() {
        return XUEJI_CERTIFICATE_CONTEXT_V1;
    }
};
__decorate([
    Get(XUEJI_CERTIFICATE_CONTEXT_PATH),
    Public(),
    Header('Content-Type', 'application/ld+json'),
    Header('Cache-Control', 'public, max-age=86400, immutable')
    // Browser-based verifiers load contexts cross-origin; the document is public and static.
    ,
    Header('Access-Control-Allow-Origin', '*'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], ContextsController.prototype, "certificateContextV1", null);
ContextsController = __decorate([
    Controller()
], ContextsController);
export { ContextsController };
//# sourceMappingURL=contexts.controller.js.map