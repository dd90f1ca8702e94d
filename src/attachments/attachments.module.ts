import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AttachmentContentStore } from './attachment-content.store';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { UploadSpool } from './upload-spool';

/** Documents on cases: upload (checked by content), listing and download by the case's rules, removal. */
@Module({
  imports: [CasesModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentContentStore, UploadSpool],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
