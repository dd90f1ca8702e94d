import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable } from '../../common/validation';
import { REGIONS, Region, SECURITY_RISKS, SecurityRisk } from '../country.entity';

export class CountryResponse {
  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  code: string;

  @ApiProperty({ example: 'Netherlands' })
  name: string;

  @ApiProperty({ enum: REGIONS })
  region: Region;

  @ApiProperty({
    minimum: 1,
    maximum: 4,
    description: '1 normal, 2 increased vigilance, 3 non-essential travel discouraged, 4 all travel discouraged',
  })
  travelAdvice: number;

  @ApiProperty({ enum: SECURITY_RISKS })
  securityRisk: SecurityRisk;

  @ApiProperty({ description: 'Under EU restrictive measures' })
  sanctioned: boolean;

  @ApiProperty()
  armsEmbargo: boolean;
}

export class UpdateCountryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 4 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(4)
  travelAdvice?: number;

  @ApiPropertyOptional({ enum: SECURITY_RISKS })
  @Omittable()
  @IsIn(SECURITY_RISKS)
  securityRisk?: SecurityRisk;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  sanctioned?: boolean;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  armsEmbargo?: boolean;

  @ApiProperty({ description: 'Why the attributes change; kept in the country history' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class CountryChangeResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  country: string;

  @ApiProperty({ description: 'ISO 8601, UTC' })
  at: string;

  @ApiProperty()
  actor: { id: string; name: string };

  @ApiProperty({ description: 'The changed attributes before the change' })
  before: Record<string, unknown>;

  @ApiProperty({ description: 'The changed attributes after the change' })
  after: Record<string, unknown>;

  @ApiProperty()
  reason: string;
}
