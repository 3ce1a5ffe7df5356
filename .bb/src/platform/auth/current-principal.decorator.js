import { createParamDecorator } from '@nestjs/common';
export const CurrentPrincipal = createParamDecorator((_, ctx) => {
    const principal = ctx.switchToHttp().getRequest().principal;
    if (!principal)
        throw new Error('CurrentPrincipal used on a public handler');
    return principal;
});
//# sourceMappingURL=current-principal.decorator.js.map