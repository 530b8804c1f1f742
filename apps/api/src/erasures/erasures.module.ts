import { Module } from '@nestjs/common';
import { ErasuresController } from './erasures.http.controller';

/** Erasure of personal data (SPEC §7, §9 `POST /erasures`). */
@Module({ controllers: [ErasuresController] })
export class ErasuresModule {}
