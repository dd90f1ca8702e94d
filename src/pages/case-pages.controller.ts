import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../authorization/policy.decorators';
import { CaseReadingService } from '../cases/case-reading.service';
import { CaseErrorCode } from '../cases/case.errors';
import { CaseResponse } from '../cases/case-response.mapper';
import {
  AssignReviewersDto,
  ConditionUpdateDto,
  ConflictDto,
  DecisionDto,
  LeadershipDecisionDto,
  OpinionDto,
  QuestionsDto,
  ReferDto,
  RespondDto,
  TriageDto,
  WithdrawDto,
} from '../cases/dto/case-actions.dto';
import { CreateCaseDto, UpdateCaseDto } from '../cases/dto/case-input.dto';
import { ProposalService } from '../cases/proposal.service';
import { ReviewService } from '../cases/review.service';
import { TriageService } from '../cases/triage.service';
import { DomainError } from '../common/domain-error';
import { UsersRepository } from '../users/users.repository';
import { FormValues, formValues, list, text } from './forms/fields';
import { fieldErrorsOf, FormErrors, formErrorsOf, validationErrors } from './forms/form-errors';
import { formValuesOf, proposalFormView, proposalFromForm, toFormPaths, validateProposal } from './forms/proposal-form';
import { fill } from './i18n';
import { AllowPage } from './navigation';
import { FlashKey, PageContexts, SignedInContext } from './page-context';
import { PageData } from './page-data';
import { PageRenderer } from './page-renderer';
import { buildCaseView, FailedForm } from './views/case-view';
import { CaseLists } from './case-lists';
import { removeForm, UPLOAD_FORM } from './views/documents-view';
import { AttachmentErrorCode } from '../attachments/attachment.errors';
import { AttachmentsService } from '../attachments/attachments.service';
import { closeConnectionIfBodyUnread, fastifyUploadRequest } from '../attachments/upload-request';
import { PageController } from './page-controller.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Case routes declare `read Case` like the API's: what may be done is decided on the case itself. */
const CaseRoute = () => Allow('read', 'Case', { notFoundWhenDenied: true });

type FormBody = Record<string, unknown>;

/** Texts with one item per line (conditions), as the API's list. */
const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The case pages: the applicant's list and proposal form, the case file, and every action on a
 * case as a plain form. Each action calls the same service as the API with the acting user;
 * a refusal shows the case again with the form as typed and the reason next to it.
 */
@PageController('cases')
export class CasePagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly data: PageData,
    private readonly reading: CaseReadingService,
    private readonly proposals: ProposalService,
    private readonly office: TriageService,
    private readonly review: ReviewService,
    private readonly users: UsersRepository,
    private readonly lists: CaseLists,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get('mine')
  @AllowPage('myCases')
  async mine(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const { items, pagination } = await this.lists.page(ctx, { mine: true }, page);
    this.renderer.send(ctx, 'my-cases', ctx.t.cases.mineTitle, {
      cases: await this.lists.rows(ctx, items),
      pagination,
    });
  }

  @Get('new')
  @AllowPage('newProposal')
  async newForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.showProposalForm(ctx, null, { type: 'partnership' }, null);
  }

  @Post('new')
  @AllowPage('newProposal')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.saveProposal(ctx, null, body);
  }

  @Get(':caseId')
  @CaseRoute()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('caseId') id: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.showCase(ctx, caseId(id), null);
  }

  @Get(':caseId/edit')
  @CaseRoute()
  async editForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const kase = await this.reading.get(ctx.user, caseId(id));
    await this.showProposalForm(ctx, kase, formValuesOf(kase), null);
  }

  @Post(':caseId/edit')
  @CaseRoute()
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const kase = await this.reading.get(ctx.user, caseId(id));
    await this.saveProposal(ctx, kase, body);
  }

  @Post(':caseId/submit')
  @CaseRoute()
  async submit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      'submit',
      body,
      null,
      () => ({}),
      () => this.proposals.submit(ctx.user, caseId(id)),
      'submitted',
    );
  }

  @Post(':caseId/withdraw')
  @CaseRoute()
  async withdraw(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      'withdraw',
      body,
      WithdrawDto,
      (v) => ({ reason: text(v, 'reason') }),
      (dto) => this.proposals.withdraw(ctx.user, caseId(id), dto),
      'withdrawn',
    );
  }

  @Post(':caseId/respond')
  @CaseRoute()
  async respond(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      'respond',
      body,
      RespondDto,
      (v) => ({ answer: text(v, 'answer') }),
      (dto) => this.proposals.respond(ctx.user, caseId(id), dto),
      'answered',
    );
  }

  @Post(':caseId/triage')
  @CaseRoute()
  async triage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const values = formValues(body);
    const committees = list(values, 'committees');
    await this.act(
      ctx,
      caseId(id),
      'triage',
      body,
      TriageDto,
      (v) => ({ committees, ...(text(v, 'reason') ? { reason: text(v, 'reason') } : {}) }),
      (dto) => this.office.triage(ctx.user, caseId(id), dto),
      committees.length ? 'triaged' : 'cleared',
    );
  }

  @Post(':caseId/request-information')
  @CaseRoute()
  async ask(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      'ask',
      body,
      QuestionsDto,
      (v) => ({ questions: text(v, 'questions') }),
      (dto) => this.office.requestInformation(ctx.user, caseId(id), dto),
      'asked',
    );
  }

  @Post(':caseId/stages/:committee/reviewers')
  @CaseRoute()
  async assign(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Param('committee') committee: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      `assign:${committee}`,
      body,
      AssignReviewersDto,
      (v) => ({ reviewerIds: list(v, 'reviewerIds') }),
      (dto) => this.review.assignReviewers(ctx.user, caseId(id), committee, dto),
      'assigned',
    );
  }

  @Post(':caseId/stages/:committee/opinions')
  @CaseRoute()
  async opinion(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Param('committee') committee: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      `opinion:${committee}`,
      body,
      OpinionDto,
      (v) => ({ recommendation: text(v, 'recommendation'), comment: text(v, 'comment') }),
      (dto) => this.review.giveOpinion(ctx.user, caseId(id), committee, dto),
      'opinionGiven',
    );
  }

  @Post(':caseId/stages/:committee/decision')
  @CaseRoute()
  async decide(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Param('committee') committee: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      `decide:${committee}`,
      body,
      DecisionDto,
      (v) => {
        const decision = text(v, 'decision');
        return {
          decision,
          rationale: text(v, 'rationale'),
          ...(decision === 'approve_with_conditions' ? { conditions: lines(text(v, 'conditions')) } : {}),
          ...(decision === 'request_information' ? { questions: text(v, 'questions') } : {}),
        };
      },
      (dto) => this.review.decide(ctx.user, caseId(id), committee, dto),
      'decided',
    );
  }

  @Post(':caseId/stages/:committee/refer')
  @CaseRoute()
  async refer(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Param('committee') committee: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      `refer:${committee}`,
      body,
      ReferDto,
      (v) => ({ committee: text(v, 'committee'), reason: text(v, 'reason') }),
      (dto) => this.review.refer(ctx.user, caseId(id), committee, dto),
      'referred',
    );
  }

  @Post(':caseId/conflicts')
  @CaseRoute()
  async conflict(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    // Once recused, the reviewer can no longer see the case: back to their queue.
    await this.act(
      ctx,
      caseId(id),
      'conflict',
      body,
      ConflictDto,
      (v) => ({ committee: text(v, 'committee'), reason: text(v, 'reason') }),
      (dto) => this.review.declareConflict(ctx.user, caseId(id), dto),
      'conflictDeclared',
      '/review',
    );
  }

  @Post(':caseId/leadership-decision')
  @CaseRoute()
  async leadership(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.act(
      ctx,
      caseId(id),
      'leadership',
      body,
      LeadershipDecisionDto,
      (v) => {
        const decision = text(v, 'decision');
        return {
          decision,
          rationale: text(v, 'rationale'),
          ...(decision === 'approve_with_conditions' ? { conditions: lines(text(v, 'conditions')) } : {}),
        };
      },
      (dto) => this.review.leadershipDecide(ctx.user, caseId(id), dto),
      'leadershipDecided',
    );
  }

  @Post(':caseId/conditions/:conditionId')
  @CaseRoute()
  async condition(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Param('conditionId') conditionId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const status = text(formValues(body), 'status');
    await this.act(
      ctx,
      caseId(id),
      `condition:${conditionId}`,
      body,
      ConditionUpdateDto,
      (v) => ({ status, ...(status === 'waived' ? { reason: text(v, 'reason') } : {}) }),
      (dto) => this.office.updateCondition(ctx.user, caseId(id), conditionId, dto),
      status === 'waived' ? 'conditionWaived' : 'conditionMet',
    );
  }

  /**
   * Adds a document from the case page's upload form: the same service as the API reads the
   * multipart body (kind first, then the file) and refuses what it refuses (wrong type 415, too
   * large 413, too many 409, ...) before anything is stored; the refusal is shown on the case page.
   * The CSRF token comes in the form's URL.
   */
  @Post(':caseId/documents')
  @CaseRoute()
  async upload(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('caseId') id: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const kase = caseId(id);
    try {
      await this.attachments.upload(ctx.user, kase, fastifyUploadRequest(request));
    } catch (error) {
      // A refusal before the whole body was read closes the connection after the page, as the API does.
      closeConnectionIfBodyUnread(request, reply);
      if (!(error instanceof DomainError) || error.status === 404 || error.status === 401) throw error;
      await this.showCase(
        ctx,
        kase,
        { form: UPLOAD_FORM, values: {}, errors: formErrorsOf(ctx.t, error) },
        error.status,
      );
      return;
    }
    this.contexts.flash(reply, 'documentAdded');
    this.renderer.redirect(ctx, `/cases/${kase}`);
  }

  @Post(':caseId/documents/:attachmentId/remove')
  @CaseRoute()
  async removeDocument(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('caseId') id: string,
    @Param('attachmentId') attachmentId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    if (!UUID.test(attachmentId)) throw new DomainError(AttachmentErrorCode.NotFound);
    await this.act(
      ctx,
      caseId(id),
      removeForm(attachmentId),
      body,
      null,
      () => ({}),
      () => this.attachments.remove(ctx.user, caseId(id), attachmentId),
      'documentRemoved',
    );
  }

  /**
   * Runs one action from its form: the form's values as the API's body, validated with the API's
   * DTO, then the service; success redirects with a message, a refusal shows the case again
   * with the form as it was typed (404 stays a 404 page).
   */
  private async act<D extends object>(
    ctx: SignedInContext,
    id: string,
    form: string,
    body: FormBody,
    dtoClass: (new () => D) | null,
    toInput: (values: FormValues) => object,
    run: (dto: D) => Promise<unknown>,
    flash: FlashKey,
    then: string = `/cases/${id}`,
  ): Promise<void> {
    const values = formValues(body);
    const input = toInput(values);
    const dto = dtoClass ? plainToInstance(dtoClass, input) : (input as D);
    if (dtoClass) {
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) {
        await this.showCase(
          ctx,
          id,
          { form, values, errors: validationErrors(ctx.t, fieldErrorsOf(ctx.t, errors)) },
          400,
        );
        return;
      }
    }
    try {
      await run(dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404 || error.status === 401) throw error;
      await this.showCase(ctx, id, { form, values, errors: formErrorsOf(ctx.t, error) }, error.status);
      return;
    }
    this.contexts.flash(ctx.reply, flash);
    this.renderer.redirect(ctx, then);
  }

  private async showCase(ctx: SignedInContext, id: string, failed: FailedForm | null, status = 200): Promise<void> {
    const [kase, history, documents, committees, countryName] = await Promise.all([
      this.reading.get(ctx.user, id),
      this.reading.history(ctx.user, id),
      this.attachments.list(ctx.user, id),
      this.data.committees(ctx.language),
      this.data.countryNamer(ctx.user, ctx.language),
    ]);
    const chaired = ctx.user.committees.filter((m) => m.chair && kase.stages.some((s) => s.committee === m.committee));
    const members: Record<string, { id: string; name: string }[]> = {};
    for (const m of chaired) {
      members[m.committee] = (await this.users.findActiveCommitteeMembers(m.committee)).map((u) => ({
        id: u.id,
        name: u.name,
      }));
    }
    const view = buildCaseView({
      t: ctx.t,
      format: ctx.format,
      now: ctx.now,
      actor: ctx.user,
      ability: ctx.ability,
      kase,
      history,
      committees,
      countryName,
      members,
      failed,
      documents,
      csrf: ctx.csrf,
    });
    this.renderer.send(ctx, 'case', `${kase.reference}: ${kase.title}`, view, status);
  }

  private async showProposalForm(
    ctx: SignedInContext,
    kase: CaseResponse | null,
    values: FormValues,
    errors: FormErrors | null,
    status = 200,
    addRow: string | null = null,
  ): Promise<void> {
    const countries = await this.data.countryChoices(ctx.user, ctx.language);
    const t = ctx.t;
    const title = kase ? fill(t.proposal.editTitle, { reference: kase.reference }) : t.proposal.newTitle;
    this.renderer.send(
      ctx,
      'proposal-form',
      title,
      {
        action: kase ? `/cases/${kase.id}/edit` : '/cases/new',
        cancel: kase ? `/cases/${kase.id}` : '/cases/mine',
        canSubmit: !kase || kase.status === 'draft',
        errors,
        form: proposalFormView(t, values, errors?.fields ?? {}, countries, addRow),
      },
      status,
    );
  }

  /**
   * Saves the proposal form: a new draft or changes to an existing one; "add a row" only shows
   * the form again with one more row; "save and submit" submits after saving.
   */
  private async saveProposal(ctx: SignedInContext, kase: CaseResponse | null, body: FormBody): Promise<void> {
    const values = formValues(body);
    const addRow = text(values, '_add');
    if (addRow) {
      await this.showProposalForm(ctx, kase, values, null, 200, addRow);
      return;
    }
    const { input, rowOf } = proposalFromForm(values);
    const fields = await validateProposal(ctx.t, input, rowOf);
    if (Object.keys(fields).length) {
      await this.showProposalForm(ctx, kase, values, validationErrors(ctx.t, fields), 400);
      return;
    }
    const submitAfter = text(values, '_submit') === 'yes' && (!kase || kase.status === 'draft');
    let id = kase?.id ?? null;
    try {
      if (kase) await this.proposals.update(ctx.user, kase.id, plainToInstance(UpdateCaseDto, input));
      else id = (await this.proposals.create(ctx.user, plainToInstance(CreateCaseDto, input))).id;
      if (submitAfter) await this.proposals.submit(ctx.user, id!);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404 || error.status === 401) throw error;
      const errors = formErrorsOf(ctx.t, error);
      const saved = id && !kase ? await this.reading.get(ctx.user, id) : kase;
      await this.showProposalForm(
        ctx,
        saved,
        values,
        { ...errors, fields: toFormPaths(errors.fields, rowOf) },
        error.status,
      );
      return;
    }
    this.contexts.flash(ctx.reply, submitAfter ? 'submitted' : 'draftSaved');
    this.renderer.redirect(ctx, `/cases/${id}`);
  }
}

/** A case id from the URL; anything but a UUID is a case that does not exist (404, like the API). */
function caseId(id: string): string {
  if (!UUID.test(id)) throw new DomainError(CaseErrorCode.NotFound);
  return id;
}
