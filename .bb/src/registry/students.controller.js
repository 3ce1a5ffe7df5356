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
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import { ConfirmGraduationRequest, EnrolStudentRequest, ListStudentsQuery, ProposeGraduationRequest, } from './dto/student.dto.js';
import { StudentsService } from './students.service.js';
let StudentsController = class StudentsController {
    constructor(students) {
        this.students = students;
    }
    enrol(principal, body) {
        return this.students.enrol(principal, parseInput(EnrolStudentRequest, body));
    }
    list(principal, query) {
        return this.students.list(principal, parseInput(ListStudentsQuery, query, 'query'));
    }
    get(principal, id) {
        return this.students.get(principal, uuidParam(id, 'id'));
    }
    proposeGraduation(principal, id, body) {
        return this.students.proposeGraduation(principal, uuidParam(id, 'id'), parseInput(ProposeGraduationRequest, body));
    }
    confirmGraduation(principal, id, body) {
        return this.students.confirmGraduation(principal, uuidParam(id, 'id'), parseInput(ConfirmGraduationRequest, body));
    }
};
__decorate([
    Post(),
    Roles('school_registrar'),
    __param(0, CurrentPrincipal()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], StudentsController.prototype, "enrol", null);
__decorate([
    Get(),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], StudentsController.prototype, "list", null);
__decorate([
    Get(':id'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], StudentsController.prototype, "get", null);
__decorate([
    Post(':id/graduation'),
    HttpCode(200),
    Roles('school_registrar'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], StudentsController.prototype, "proposeGraduation", null);
__decorate([
    Post(':id/graduation/confirmation'),
    HttpCode(200),
    Roles('county_admin'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], StudentsController.prototype, "confirmGraduation", null);
StudentsController = __decorate([
    Controller('students'),
    __metadata("design:paramtypes", [StudentsService])
], StudentsController);
export { StudentsController };
//# sourceMappingURL=students.controller.js.map