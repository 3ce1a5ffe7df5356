var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { Public } from '../../platform/auth/access.decorator.js';
import { StatusListService } from './status-list.service.js';
/**
 * Status list credentials, public: any verifier fetches them to learn whether a credential was
 * revoked or suspended. Short caching with a validator, so a change reaches verifiers within
 * half a minute and an unchanged list costs a 304.
 */
let StatusListController = class StatusListController {
    constructor(lists) {
        this.lists = lists;
    }
    async list(seq, purpose, req, res) {
        if (!/^\d{1,18}$/.test(seq) || (purpose !== 'revocation' && purpose !== 'suspension'))
            throw new NotFoundError('Status list');
        const published = await this.lists.published(seq, purpose);
        res.set({
            'Cache-Control': 'public, max-age=30, must-revalidate',
            ETag: published.etag,
            'Last-Modified': published.updatedAt.toUTCString(),
        });
        if (req.headers['if-none-match'] === published.etag) {
            res.status(304).end();
            return;
        }
        res.type('application/vc+ld+json').send(JSON.stringify(published.credential));
    }
};
__decorate([
    Get('status-lists/:seq/:purpose'),
    Public(),
    __param(0, Param('seq')),
    __param(1, Param('purpose')),
    __param(2, Req()),
    __param(3, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object, Object]),
    __metadata("design:returntype", Promise)
], StatusListController.prototype, "list", null);
StatusListController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [StatusListService])
], StatusListController);
export { StatusListController };
//# sourceMappingURL=status-list.controller.js.map