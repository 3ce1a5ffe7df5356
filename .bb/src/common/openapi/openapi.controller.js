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
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Public } from '../../platform/auth/access.decorator.js';
import { buildOpenApiDocument } from './openapi-document.js';
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = {
    'swagger-ui.css': 'text/css',
    'swagger-ui-bundle.js': 'text/javascript',
    'swagger-ui-standalone-preset.js': 'text/javascript',
};
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Xueji API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui' });</script></body></html>`;
/** The OpenAPI document and a browsable UI, both served from local files (no CDN). */
let OpenApiController = class OpenApiController {
    constructor() {
        this.document = buildOpenApiDocument();
    }
    page() {
        return PAGE;
    }
    openapi() {
        return this.document;
    }
    async asset(file) {
        const type = ASSETS[file];
        if (!type)
            throw new NotFoundException();
        return new StreamableFile(await readFile(join(swaggerDir, file)), { type });
    }
};
__decorate([
    Get(),
    Public(),
    Header('Content-Type', 'text/html; charset=utf-8'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], OpenApiController.prototype, "page", null);
__decorate([
    Get('openapi.json'),
    Public(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], OpenApiController.prototype, "openapi", null);
__decorate([
    Get('assets/:file'),
    Public(),
    __param(0, Param('file')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], OpenApiController.prototype, "asset", null);
OpenApiController = __decorate([
    Controller('docs')
], OpenApiController);
export { OpenApiController };
//# sourceMappingURL=openapi.controller.js.map