import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { CountriesService } from './countries.service';
import { CountryChangeResponse, CountryResponse, UpdateCountryDto } from './dto/country.dto';
import { ApiErrors } from '../common/openapi';
import { CountryErrorCode } from './country.errors';

@ApiTags('countries')
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  @Get()
  @Allow('read', 'Country')
  @ApiOperation({ summary: 'All ISO 3166-1 countries with their region and risk attributes' })
  @ApiOkResponse({ type: [CountryResponse] })
  list(@CurrentUser() actor: AuthUser): Promise<CountryResponse[]> {
    return this.countries.list(actor);
  }

  @Get(':code')
  @Allow('read', 'Country')
  @ApiOperation({ summary: 'One country' })
  @ApiOkResponse({ type: CountryResponse })
  @ApiNotFoundResponse({ description: 'No such country code' })
  @ApiErrors(CountryErrorCode.NotFound)
  get(@CurrentUser() actor: AuthUser, @Param('code') code: string): Promise<CountryResponse> {
    return this.countries.get(actor, code);
  }

  @Put(':code')
  @Allow('update', 'Country')
  @ApiOperation({
    summary: "Change a country's risk attributes, with a reason kept in its history (International Office)",
  })
  @ApiOkResponse({ type: CountryResponse })
  @ApiBadRequestResponse({ description: 'Invalid input, no attribute given, or no reason' })
  @ApiNotFoundResponse({ description: 'No such country code' })
  @ApiErrors(CountryErrorCode.NotFound)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('code') code: string,
    @Body() body: UpdateCountryDto,
  ): Promise<CountryResponse> {
    return this.countries.updateRisk(actor, code, body);
  }

  @Get(':code/history')
  @Allow('read', 'CountryChange')
  @ApiOperation({ summary: "The history of a country's risk attributes, newest first (International Office)" })
  @ApiOkResponse({ type: [CountryChangeResponse] })
  @ApiNotFoundResponse({ description: 'No such country code' })
  @ApiErrors(CountryErrorCode.NotFound)
  history(@CurrentUser() actor: AuthUser, @Param('code') code: string): Promise<CountryChangeResponse[]> {
    return this.countries.history(actor, code);
  }
}
