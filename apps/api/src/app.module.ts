import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MatcherModule } from '@sleutel/matcher';
import { PlatformModule } from '@sleutel/platform';
import { CohortRunsModule } from './cohort-runs/cohort-runs.module';
import { AuditModule } from './audit/audit.module';
import { ErasuresModule } from './erasures/erasures.module';
import { AuthGuard } from './common/auth/auth.guard';
import { BodilessOperationGuard } from './common/bodiless-operation.guard';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { MatchesModule } from './matches/matches.module';
import { ReferenceModule } from './reference/reference.module';
import { SubjectsModule } from './subjects/subjects.module';

@Module({
  imports: [PlatformModule, SubjectsModule, MatchesModule, CohortRunsModule, AuditModule, ErasuresModule, ReferenceModule],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    // After authentication and roles: a caller who may not call the operation learns nothing of its body's rules.
    { provide: APP_GUARD, useClass: BodilessOperationGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {
  /**
   * The API, with the matcher inside it or not. Decided when the app is
   * created (not when this file is imported), from the configuration then.
   */
  static register(options: { matcher: boolean }): DynamicModule {
    return { module: AppModule, imports: options.matcher ? [MatcherModule] : [] };
  }
}
