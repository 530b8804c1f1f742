import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERASURE_BASES, ErasureBasis, RECORDED_ERASURE_BASES, RequestedErasureBasis } from '@sleutel/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AsSubjectId } from '../common/subject-id.pipe';

export const ERASABLE_SUBJECTS = ['newcomer', 'key-person'] as const;
export type ErasableSubject = (typeof ERASABLE_SUBJECTS)[number];

/** `POST /erasures`: whose personal data to erase, and on what basis (a code: the erasure event stays readable). */
export class EraseRequest {
  @ApiProperty({ enum: ERASABLE_SUBJECTS })
  @IsIn(ERASABLE_SUBJECTS)
  subjectType!: ErasableSubject;

  @ApiProperty({ format: 'uuid', description: 'In any case; answered in lower case' })
  @AsSubjectId() @IsUUID()
  subjectId!: string;

  @ApiPropertyOptional({ enum: ERASURE_BASES, default: 'data-subject-request', description: 'GDPR art. 17 request, retention ended, …' })
  @IsOptional() @IsIn(ERASURE_BASES)
  basis?: RequestedErasureBasis;
}

export class ErasureResponse {
  @ApiProperty({ enum: ERASABLE_SUBJECTS }) subjectType!: ErasableSubject;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ enum: ['erased'] }) status!: 'erased';
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ enum: RECORDED_ERASURE_BASES, description: 'As recorded by the first erasure: `data-key-lost` when the operator recorded a lost data key (`keys lost --record`)' }) basis!: ErasureBasis;
}
