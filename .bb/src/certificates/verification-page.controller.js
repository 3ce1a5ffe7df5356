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
import { Body, Catch, Controller, Get, Headers, HttpCode, HttpException, Injectable, Param, Post, Query, Res, UploadedFile, UseFilters, UseInterceptors, } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Public } from '../platform/auth/access.decorator.js';
import { renderVerificationForm, renderVerificationPage, VERIFICATION_PAGE_CSP } from './verification-page.js';
import { pickLanguage, readSubmission, SUBMISSION_LIMIT_BYTES } from './verification-page-model.js';
import { VerificationPageService } from './verification-page.service.js';
/** A posted credential small enough to post again from the language switch. */
const REPOST_LIMIT = 32 * 1024;
/** Multipart errors (too large, not a form) answered as the form again, in words, not problem+json. */
let FormProblemFilter = class FormProblemFilter {
    constructor(pages) {
        this.pages = pages;
    }
    catch(error, host) {
        const req = host.switchToHttp().getRequest();
        const res = host.switchToHttp().getResponse();
        const code = error.cause?.code;
        const tooLarge = error.getStatus() === 413 || code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE';
        const status = tooLarge ? 413 : error.getStatus() === 415 ? 415 : 400;
        const lang = pickLanguage(req.query.lang, req.header('accept-language'));
        pageHeaders(res, lang);
        res.status(status).send(renderVerificationForm({ lang, basePath: this.pages.basePath, problem: tooLarge ? 'tooLarge' : 'notForm' }));
    }
};
FormProblemFilter = __decorate([
    Injectable(),
    Catch(HttpException),
    __metadata("design:paramtypes", [VerificationPageService])
], FormProblemFilter);
/** The public pages: the one behind each certificate's QR code, and a form to check a credential file. No login. */
let VerificationPageController = class VerificationPageController {
    constructor(pages) {
        this.pages = pages;
    }
    form(lang, accept, res) {
        const language = pickLanguage(lang, accept);
        pageHeaders(res, language);
        return renderVerificationForm({ lang: language, basePath: this.pages.basePath });
    }
    async check(file, body, lang, accept, res) {
        const fields = (typeof body === 'object' && body !== null ? body : {});
        const language = pickLanguage(lang, accept);
        pageHeaders(res, language);
        if (!res.req.is('multipart/form-data'))
            return formProblem(res, 415, 'notForm', language, this.pages.basePath);
        const submission = readSubmission(fields.credential, file?.buffer);
        if ('problem' in submission)
            return formProblem(res, 400, submission.problem, language, this.pages.basePath);
        const view = await this.pages.forCredential(submission.credential);
        const compact = JSON.stringify(submission.credential);
        return renderVerificationPage(view, { lang: language, basePath: this.pages.basePath, ...(compact.length <= REPOST_LIMIT ? { repost: compact } : {}) });
    }
    async page(id, lang, accept, res) {
        const language = pickLanguage(lang, accept);
        const view = await this.pages.forCertificate(id);
        pageHeaders(res, language);
        if (view.outcome === 'notFound')
            res.status(404);
        return renderVerificationPage(view, { lang: language, basePath: this.pages.basePath });
    }
};
__decorate([
    Get(),
    Public(),
    __param(0, Query('lang')),
    __param(1, Headers('accept-language')),
    __param(2, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", void 0)
], VerificationPageController.prototype, "form", null);
__decorate([
    Post(),
    Public(),
    HttpCode(200),
    UseFilters(FormProblemFilter),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: SUBMISSION_LIMIT_BYTES, fieldSize: SUBMISSION_LIMIT_BYTES, files: 1, fields: 2, parts: 3, fieldNameSize: 32 } })),
    __param(0, UploadedFile()),
    __param(1, Body()),
    __param(2, Query('lang')),
    __param(3, Headers('accept-language')),
    __param(4, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], VerificationPageController.prototype, "check", null);
__decorate([
    Get(':id'),
    Public(),
    __param(0, Param('id')),
    __param(1, Query('lang')),
    __param(2, Headers('accept-language')),
    __param(3, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], VerificationPageController.prototype, "page", null);
VerificationPageController = __decorate([
    Controller('verify'),
    __metadata("design:paramtypes", [VerificationPageService])
], VerificationPageController);
export { VerificationPageController };
function pageHeaders(res, lang) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Language', lang === 'zh' ? 'zh-CN' : 'en');
    res.setHeader('Vary', 'Accept-Language');
    // A verdict is of this moment: a revocation must show on the next scan.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', VERIFICATION_PAGE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
}
function formProblem(res, status, problem, lang, basePath) {
    res.status(status);
    return renderVerificationForm({ lang, basePath, problem });
}
//# sourceMappingURL=verification-page.controller.js.map