var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../platform/auth/access.decorator.js';
let HealthController = class HealthController {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Liveness and store reachability; no data, no auth. */
    async health() {
        await this.dataSource.query('SELECT 1');
        return { status: 'ok', database: 'up' };
    }
};
__decorate([
    Get(),
    Public(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "health", null);
HealthController = __decorate([
    Controller('health'),
    __metadata("design:paramtypes", [DataSource])
], HealthController);
export { HealthController };
//# sourceMappingURL=health.controller.js.map