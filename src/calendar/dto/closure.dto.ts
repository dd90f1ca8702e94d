import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsISO8601 } from 'class-validator';

export class ClosureYearQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, description: 'Default: this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ClosureDateParam {
  @ApiProperty({ format: 'date', example: '2026-12-24' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date: string;
}

export class ClosureInput {
  @ApiProperty({ maxLength: 300, example: 'Christmas closure' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class ClosureResponse {
  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty()
  reason: string;
}
