import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PlatformModule } from '@sleutel/platform';
import { AuthGuard } from './common/auth/auth.guard';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { HealthModule } from './health/health.module';
import { SubjectsModule } from './subjects/subjects.module';

@Module({
  imports: [PlatformModule, SubjectsModule, HealthModule],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {}
