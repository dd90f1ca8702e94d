import { ApiProperty } from '@nestjs/swagger';
import { SCREENING_FORMATS } from '../importers';
import type { ListKind, ScreeningFormat } from '../importers';
import { LIST_KINDS } from '../screening.dto';
import type { ImportResult, VersionSummary } from '../screening-lists.service';
import type { SourceView } from '../screening-sources.service';
import type { SearchHit } from '../screening-search.service';

/* The documented shape of what screening-lists.service.ts and screening-search.service.ts answer. */

export class ScreeningVersionChangesResponse {
  @ApiProperty({ type: [String], description: 'Names of added entries (at most 100)' })
  added: string[];

  @ApiProperty({ type: [String], description: 'Names of removed entries (at most 100)' })
  removed: string[];
}

export class ScreeningVersionResponse implements VersionSummary {
  @ApiProperty({ type: 'integer', minimum: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  importedAt: string;

  @ApiProperty({ description: 'Where the file came from (file name or URL)' })
  source: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the imported bytes' })
  checksum: string;

  @ApiProperty({ type: 'integer' })
  entries: number;

  @ApiProperty({ type: 'integer' })
  aliases: number;

  @ApiProperty({ type: 'integer', description: 'Entries new in this version' })
  added: number;

  @ApiProperty({ type: 'integer', description: 'Entries gone since the version before' })
  removed: number;

  @ApiProperty({ type: ScreeningVersionChangesResponse })
  changes: ScreeningVersionChangesResponse;
}

/** What the import answer and the list of lists both say about a list. */
class ScreeningListSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: LIST_KINDS })
  kind: ListKind;

  @ApiProperty({ type: 'integer', description: 'Entries of the version in force' })
  entries: number;
}

export class ScreeningImportResponse extends ScreeningListSummary implements ImportResult {
  @ApiProperty({ type: ScreeningVersionResponse, description: 'The version in force after the import' })
  version: ScreeningVersionResponse;

  @ApiProperty({ description: 'True when the file is the version already in force: nothing changed' })
  unchanged: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The background job screening the open cases again (GET /api/jobs/:id: status, progress, result); null when nothing changed',
  })
  rescreenJobId: string | null;
}

export class ScreeningListResponse extends ScreeningListSummary {
  @ApiProperty({ enum: SCREENING_FORMATS })
  format: ScreeningFormat;

  @ApiProperty({ type: ScreeningVersionResponse, nullable: true, description: 'The version in force' })
  current: ScreeningVersionResponse | null;
}

export class ScreeningSearchHitResponse implements SearchHit {
  @ApiProperty()
  list: string;

  @ApiProperty({ enum: LIST_KINDS })
  listKind: ListKind;

  @ApiProperty({ description: 'The primary name of the listed entity' })
  entityName: string;

  @ApiProperty({ description: 'The name or alias that matched' })
  matchedName: string;

  @ApiProperty({ type: String, nullable: true })
  country: string | null;

  @ApiProperty({
    minimum: 0.5,
    maximum: 1,
    description: '>= 0.7 a potential match a reviewer must look at; >= 0.9 almost certainly the same entity',
  })
  score: number;

  @ApiProperty({ type: [String] })
  reasons: string[];
}

export class ScreeningSearchResponse {
  @ApiProperty({ type: [ScreeningSearchHitResponse], description: 'Best first, at most 10' })
  hits: ScreeningSearchHitResponse[];
}

export class ScreeningSourceResponse implements SourceView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The list its downloads become versions of' })
  name: string;

  @ApiProperty({ enum: SCREENING_FORMATS })
  format: ScreeningFormat;

  @ApiProperty()
  url: string;

  @ApiProperty({ enum: LIST_KINDS, nullable: true, description: "Null: the format's kind" })
  kind: ListKind | null;

  @ApiProperty()
  refreshMinutes: number;

  @ApiProperty({ format: 'date-time', description: 'When the next download is due' })
  nextRunAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastCheckedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSuccessAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'What the last successful refresh did: "not modified", "unchanged (version n)" or "imported version n"',
  })
  lastOutcome: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastErrorAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the last refresh failed (the version in force stays); null after a success',
  })
  lastError: string | null;
}
