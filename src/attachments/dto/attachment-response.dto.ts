import { ApiProperty } from '@nestjs/swagger';
import { PersonResponse } from '../../cases/dto/case-response.dto';
import { ATTACHMENT_KINDS, AttachmentKind, MAX_ATTACHMENT_BYTES } from '../attachment-kinds';
import { ALLOWED_CONTENT_TYPES } from '../attachment-content';
import { MAX_FILENAME_LENGTH } from '../filename';

/** The documented shape of what AttachmentsService answers (test/e2e/attachments.e2e-spec.ts checks it). */
export class AttachmentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ATTACHMENT_KINDS, description: '`internal` documents are never shown to the applicant' })
  kind: AttachmentKind;

  @ApiProperty({
    maxLength: MAX_FILENAME_LENGTH,
    description: 'As uploaded, cleaned: no folders, no control characters, at most 200 characters',
  })
  filename: string;

  @ApiProperty({ enum: ALLOWED_CONTENT_TYPES, description: 'Detected from the content, not from the name' })
  contentType: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_ATTACHMENT_BYTES, description: 'Bytes' })
  size: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex; also the download ETag' })
  sha256: string;

  @ApiProperty({ type: PersonResponse })
  uploadedBy: PersonResponse;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;
}
