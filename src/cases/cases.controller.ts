import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { Page } from '../common/pagination';
import { ApiErrors } from '../common/openapi';
import { UnchangedAnswers } from '../common/unchanged-answers.interceptor';
import { CASE_TRANSITIONS, CaseAction } from '../workflow/case-transitions';
import { CaseErrorCode } from './case.errors';
import { CaseResponse } from './case-response.mapper';
import { CaseReadingService } from './case-reading.service';
import { ProposalService } from './proposal.service';
import { ReviewService } from './review.service';
import { ScreeningDecisionService } from './screening-decision.service';
import { TriageService } from './triage.service';
import {
  CaseHistoryEntryResponse,
  CasePageResponse,
  CaseResponseDto,
  ChainVerificationResponse,
  ConflictResponse,
  OverdueStageResponse,
} from './dto/case-response.dto';
import {
  AssignReviewersDto,
  ConditionUpdateDto,
  ConflictDto,
  DecisionDto,
  HitDecisionDto,
  LeadershipDecisionDto,
  OpinionDto,
  QuestionsDto,
  ReferDto,
  RespondDto,
  TriageDto,
  WithdrawDto,
} from './dto/case-actions.dto';
import { CreateCaseDto, UpdateCaseDto } from './dto/case-input.dto';
import { CaseQuery } from './dto/case-query.dto';

const CaseOk = () => ApiOkResponse({ type: CaseResponseDto, description: 'The case, as this user may see it' });
const CaseCreated = (description = 'The case, as this user may see it') =>
  ApiCreatedResponse({ type: CaseResponseDto, description });
const CaseNotFound = () => ApiNotFoundResponse({ description: 'No such case, or not visible to you' });
/** The codes a case action may answer: the runner's own, its transition's checks, and `extra`. */
const ActionErrors = (action: CaseAction, ...extra: CaseErrorCode[]) => {
  const transition = CASE_TRANSITIONS[action];
  return ApiErrors(
    CaseErrorCode.NotFound,
    CaseErrorCode.Forbidden,
    CaseErrorCode.InvalidState,
    CaseErrorCode.StaleVersion,
    ...transition.checks.map((check) => check.code),
    ...(transition.facts.includes('stage') ? [CaseErrorCode.StageNotFound] : []),
    ...(transition.facts.includes('condition') ? [CaseErrorCode.ConditionNotFound] : []),
    ...extra,
  );
};
const WrongState = () =>
  ApiConflictResponse({ description: 'Not allowed in the current state, or a concurrent change won' });

/**
 * Case routes declare `read Case` (or create): the ability for the particular action is checked on
 * the case itself in the service, so a case the user may not see is 404 on every route.
 */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly reading: CaseReadingService,
    private readonly proposals: ProposalService,
    private readonly office: TriageService,
    private readonly review: ReviewService,
    private readonly screening: ScreeningDecisionService,
  ) {}

  @Post()
  @Allow('create', 'Case')
  @ApiOperation({ summary: 'Create a partnership or mobility proposal (draft)' })
  @CaseCreated('The new case, in draft')
  @ApiBadRequestResponse({ description: 'Invalid input; the message names the fields' })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateCaseDto): Promise<CaseResponse> {
    return this.proposals.create(actor, body);
  }

  @Get()
  @Allow('read', 'Case')
  @UseInterceptors(UnchangedAnswers)
  @ApiOperation({ summary: 'The cases you may see, filtered and paginated' })
  @ApiOkResponse({ type: CasePageResponse, description: 'A page of cases, each as this user may see it' })
  list(@CurrentUser() actor: AuthUser, @Query() query: CaseQuery): Promise<Page<CaseResponse>> {
    return this.reading.list(actor, query);
  }

  @Get('overdue')
  @Allow('read_overdue', 'Case')
  @ApiOperation({ summary: 'Open stages past their due date (International Office: all; chairs: their committees)' })
  @ApiOkResponse({ type: [OverdueStageResponse], description: 'One entry per overdue open stage' })
  overdue(@CurrentUser() actor: AuthUser) {
    return this.reading.overdue(actor);
  }

  @Get(':id')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @UseInterceptors(UnchangedAnswers)
  @ApiOperation({ summary: 'A case' })
  @CaseOk()
  @CaseNotFound()
  @ApiErrors(CaseErrorCode.NotFound)
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CaseResponse> {
    return this.reading.get(actor, id);
  }

  @Patch(':id')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Edit your proposal (in draft, or while information is requested)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('update')
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseResponse> {
    return this.proposals.update(actor, id, body);
  }

  @Get(':id/history')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'The audit trail of a case (the applicant sees it without confidential details)' })
  @ApiOkResponse({ type: [CaseHistoryEntryResponse], description: 'The audit events this user may see, oldest first' })
  @CaseNotFound()
  @ApiErrors(CaseErrorCode.NotFound)
  history(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.reading.history(actor, id);
  }

  @Get(':id/history/verification')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Verify the hash chain of the audit trail (International Office, committees, leadership)' })
  @ApiOkResponse({ type: ChainVerificationResponse })
  @CaseNotFound()
  @ApiErrors(CaseErrorCode.NotFound, CaseErrorCode.Forbidden)
  verifyHistory(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.reading.verifyHistory(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Submit your draft: routing rules and screening propose a route' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('submit')
  submit(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CaseResponse> {
    return this.proposals.submit(actor, id);
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Confirm or amend the route, or clear a case that needs no review (International Office)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('triage', CaseErrorCode.UnknownCommittee)
  triage(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TriageDto,
  ): Promise<CaseResponse> {
    return this.office.triage(actor, id, body);
  }

  @Post(':id/request-information')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Ask the applicant questions at triage (International Office)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('request_information')
  requestInformation(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: QuestionsDto,
  ): Promise<CaseResponse> {
    return this.office.requestInformation(actor, id, body);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Answer the questions (applicant); the case returns where they were asked' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('respond')
  respond(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RespondDto,
  ): Promise<CaseResponse> {
    return this.proposals.respond(actor, id, body);
  }

  @Post(':id/stages/:committee/reviewers')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Assign reviewers of the committee to its stage (chair)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('assign_reviewers', CaseErrorCode.NotEligibleReviewer, CaseErrorCode.RecusedReviewer)
  assignReviewers(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('committee') committee: string,
    @Body() body: AssignReviewersDto,
  ): Promise<CaseResponse> {
    return this.review.assignReviewers(actor, id, committee, body);
  }

  @Post(':id/stages/:committee/opinions')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Give your confidential opinion on a stage (assigned reviewer)' })
  @CaseCreated()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('give_opinion')
  giveOpinion(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('committee') committee: string,
    @Body() body: OpinionDto,
  ): Promise<CaseResponse> {
    return this.review.giveOpinion(actor, id, committee, body);
  }

  @Post(':id/stages/:committee/decision')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: "Decide the committee's stage once its quorum is met (chair)" })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('decide')
  decide(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('committee') committee: string,
    @Body() body: DecisionDto,
  ): Promise<CaseResponse> {
    return this.review.decide(actor, id, committee, body);
  }

  @Post(':id/stages/:committee/refer')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Refer the case to another committee, opening a new stage (chair of an open stage)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('refer', CaseErrorCode.UnknownCommittee)
  refer(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('committee') committee: string,
    @Body() body: ReferDto,
  ): Promise<CaseResponse> {
    return this.review.refer(actor, id, committee, body);
  }

  @Post(':id/conflicts')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Declare a conflict of interest; you are recused from the case (reviewer)' })
  @ApiCreatedResponse({ type: ConflictResponse, description: 'The recusal (the case is no longer visible to you)' })
  @CaseNotFound()
  @ActionErrors('declare_conflict', CaseErrorCode.NotYourCommittee)
  declareConflict(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ConflictDto) {
    return this.review.declareConflict(actor, id, body);
  }

  @Post(':id/leadership-decision')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Decide an escalated case; final (leadership)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('leadership_decide')
  leadershipDecide(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LeadershipDecisionDto,
  ): Promise<CaseResponse> {
    return this.review.leadershipDecide(actor, id, body);
  }

  @Post(':id/screening/hits/:hitId/decision')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({
    summary:
      'Resolve a screening hit as a false positive or a confirmed match, with a reason (International Office, Knowledge Security chair); confidential',
  })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('decide_screening_hit', CaseErrorCode.HitNotInScreening, CaseErrorCode.HitAlreadyDecided)
  decideScreeningHit(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('hitId', ParseUUIDPipe) hitId: string,
    @Body() body: HitDecisionDto,
  ): Promise<CaseResponse> {
    return this.screening.decide(actor, id, hitId, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Withdraw your proposal before a final outcome (applicant)' })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('withdraw')
  withdraw(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WithdrawDto,
  ): Promise<CaseResponse> {
    return this.proposals.withdraw(actor, id, body);
  }

  @Patch(':id/conditions/:conditionId')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({
    summary: 'Mark a condition met (applicant, International Office) or waive it with a reason (International Office)',
  })
  @CaseOk()
  @CaseNotFound()
  @WrongState()
  @ActionErrors('update_condition')
  updateCondition(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('conditionId', ParseUUIDPipe) conditionId: string,
    @Body() body: ConditionUpdateDto,
  ): Promise<CaseResponse> {
    return this.office.updateCondition(actor, id, conditionId, body);
  }
}
