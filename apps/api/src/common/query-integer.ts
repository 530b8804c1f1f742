import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';

/** Decimal digits, with a minus sign at most: a negative number is an integer still, refused by the range it is out of. */
const DECIMAL = /^-?\d+$/;

/**
 * An integer in a query string, as plain decimal digits only. `Number()` (what
 * `@Type(() => Number)` does) also reads `0x10`, `1e2`, ` 5`, `5.0` and `+5`,
 * so that a typo or a probe passed as some other number; here anything else
 * stays a string, which fails `int` under the parameter's name.
 */
export const QueryInteger = (): PropertyDecorator => applyDecorators(
  Transform(({ value }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value)),
  IsInt({ message: 'must be a whole number in plain decimal digits' }),
);
