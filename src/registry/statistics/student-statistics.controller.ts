import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from '../../common/validation/parse.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { STATISTIC_DIMENSIONS, StudentStatisticsService } from './student-statistics.service.js';

export const StudentStatisticsQuery = z.object({
  by: z
    .string()
    .default('region')
    .transform((v) => [...new Set(v.split(','))])
    .pipe(z.array(z.enum(STATISTIC_DIMENSIONS)).min(1).max(4))
    .describe('dimensions, comma separated: region, stage, grade, status'),
});

export const StudentStatistics = z.object({
  by: z.array(z.enum(STATISTIC_DIMENSIONS)),
  threshold: z.number().int().describe('cells below it are suppressed'),
  total: z.number().int().nullable().describe('null when the total itself is below the threshold'),
  cells: z.array(z.object({ key: z.record(z.string(), z.unknown()), count: z.number().int().nullable(), suppressed: z.boolean() })),
});

@Controller('statistics')
export class StudentStatisticsController {
  constructor(private readonly statistics: StudentStatisticsService) {}

  @Get('students')
  @Roles(...ALL_ROLES)
  students(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.statistics.counts(principal, parseInput(StudentStatisticsQuery, query, 'query').by);
  }
}
