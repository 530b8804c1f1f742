import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.http.controller';

/** The reference lists (languages, countries, municipalities) over HTTP. */
@Module({
  controllers: [ReferenceController],
})
export class ReferenceModule {}
