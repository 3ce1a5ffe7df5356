import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * A signed-in guardian: a person following their children, not an organisation account. It
 * carries no role and no organisation path, so nothing scoped by subtree can take it for a
 * Principal; what it may see is decided by its bindings (guardian_bindings) alone.
 */
export interface GuardianPrincipal {
  guardianId: string;
}

export const CurrentGuardian = createParamDecorator((_: unknown, ctx: ExecutionContext): GuardianPrincipal => {
  const guardian = ctx.switchToHttp().getRequest<{ guardian?: GuardianPrincipal }>().guardian;
  if (!guardian) throw new Error('CurrentGuardian used on a route that is not GuardianOnly');
  return guardian;
});
