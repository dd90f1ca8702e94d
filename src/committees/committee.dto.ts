import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CommitteeDto {
  @ApiProperty({ example: 'knowledge_security', description: 'Stable key, lower case with underscores' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'key must be lower case letters, digits and underscores (2-64)' })
  key: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameNl: string;

  @ApiProperty({ minimum: 1, description: 'Opinions needed before the chair may decide' })
  @IsInt()
  @Min(1)
  @Max(20)
  quorum: number;

  @ApiProperty({ minimum: 1, description: 'Review target in working days (Monday-Friday)' })
  @IsInt()
  @Min(1)
  @Max(250)
  reviewTargetWorkingDays: number;
}

export class UpdateCommitteeDto extends PartialType(OmitType(CommitteeDto, ['key'] as const), {
  skipNullProperties: false,
}) {}

export class CommitteeResponse extends CommitteeDto {}

export const toCommitteeResponse = (c: CommitteeResponse): CommitteeResponse => ({
  key: c.key,
  nameEn: c.nameEn,
  nameNl: c.nameNl,
  quorum: c.quorum,
  reviewTargetWorkingDays: c.reviewTargetWorkingDays,
});
