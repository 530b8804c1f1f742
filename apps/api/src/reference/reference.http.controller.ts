import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import { DataSetInfo, ReferenceAnswer, referenceData, searchCountries, searchLanguages, searchMunicipalities } from '@sleutel/reference';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { ApiProblems } from '../common/problem.dto';
import { CountryListResponse, LanguageListResponse, MunicipalityListResponse, ReferenceListQuery } from './reference.dto';

/**
 * The reference lists profile codes are validated against (SPEC §3), for the
 * pickers of a form: searched in @sleutel/reference, answered with where the
 * list comes from. Every role fills in or reads codes, so every role may ask.
 */
@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  @Get('languages')
  @Roles('intake', 'coordinator', 'auditor', 'admin')
  @ApiOperation({ summary: 'ISO 639-3 languages, exactly those a profile accepts (not the special codes mis, mul, und, zxx, which name no language), by code or name' })
  @ApiProblems(400)
  @ApiOkResponse({ type: LanguageListResponse })
  languages(@Query() query: ReferenceListQuery): LanguageListResponse {
    return answer(searchLanguages(referenceQuery(query)), referenceData.languages, 'iso-639-3', 'not ISO 639-3 language codes (exact, lower case; mis, mul, und and zxx name no language)');
  }

  @Get('countries')
  @Roles('intake', 'coordinator', 'auditor', 'admin')
  @ApiOperation({ summary: 'ISO 3166-1 countries by code, English or Dutch name' })
  @ApiProblems(400)
  @ApiOkResponse({ type: CountryListResponse })
  countries(@Query() query: ReferenceListQuery): CountryListResponse {
    return answer(searchCountries(referenceQuery(query)), referenceData.countries, 'iso-3166-1', 'not ISO 3166-1 alpha-2 codes (exact, upper case)');
  }

  @Get('municipalities')
  @Roles('intake', 'coordinator', 'auditor', 'admin')
  @ApiOperation({ summary: 'CBS municipalities by code or name; a token limited to some municipalities sees only those' })
  @ApiProblems(400)
  @ApiOkResponse({ type: MunicipalityListResponse })
  municipalities(@Query() query: ReferenceListQuery, @CurrentPrincipal() principal: Principal): MunicipalityListResponse {
    const found = searchMunicipalities(referenceQuery(query), principal.municipalities);
    return answer(found, referenceData.municipalities, 'cbs-municipality', 'not current CBS municipality codes (exact, such as GM0344)');
  }
}

/** Asked codes are all answered unless a limit is given; otherwise 20. */
function referenceQuery(query: ReferenceListQuery): { q?: string; codes?: string[]; limit: number } {
  return { q: query.q, codes: query.codes, limit: query.limit ?? query.codes?.length ?? 20 };
}

/** The items with their provenance, or a 400 naming `codes` when some asked code is unknown or outside the token's scope. */
function answer<T>(found: ReferenceAnswer<T>, source: DataSetInfo, rule: string, unknown: string): { items: T[]; source: DataSetInfo } {
  const errors = [
    ...(found.unknownCodes.length ? [{ field: 'codes', rule, message: `${unknown}: ${quoted(found.unknownCodes)}` }] : []),
    ...(found.excludedCodes.length ? [{ field: 'codes', rule: 'token-scope', message: `outside the municipalities of your token: ${quoted(found.excludedCodes)}` }] : []),
  ];
  if (errors.length) throw new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'Some codes asked for are not in the list.', errors);
  return { items: [...found.items], source: { source: source.source, version: source.version, date: source.date, count: source.count } };
}

function quoted(codes: readonly string[]): string {
  return codes.map((code) => JSON.stringify(code)).join(', ');
}
