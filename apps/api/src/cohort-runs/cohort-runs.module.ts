import { Module } from '@nestjs/common';
import { SubjectsModule } from '../subjects/subjects.module';
import { CohortRunsController } from './cohort-runs.http.controller';
import { CohortRunsService } from './cohort-runs.service';

/** Cohort runs over HTTP. */
@Module({
  imports: [SubjectsModule],
  controllers: [CohortRunsController],
  providers: [CohortRunsService],
})
export class CohortRunsModule {}
