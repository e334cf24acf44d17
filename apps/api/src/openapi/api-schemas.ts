/**
 * The named schemas of the OpenAPI document (`components.schemas`): every API shape of
 * @onetrip/contracts that a route takes or answers with. Controllers refer to them by these names
 * (`ref('DatasetDto')`); the names are the contract's type names.
 */
import {
  ChangePasswordRequestSchema,
  LoginDtoSchema,
  LoginRequestSchema,
  SessionDtoSchema,
  ColumnMappingSchema,
  CreateDatasetRequestSchema,
  UpdateDatasetRequestSchema,
  CreateIngestionKeyRequestSchema,
  CreateRunRequestSchema,
  CreatedIngestionKeyDtoSchema,
  DatasetDtoSchema,
  LimitTableUploadSchema,
  FacetsDtoSchema,
  HealthDtoSchema,
  IngestionKeyDtoSchema,
  JourneyTimelineDtoSchema,
  PartialColumnMappingSchema,
  ProblemDetailsSchema,
  RunDtoSchema,
  RunFilterSchema,
  RunParamsSchema,
  RunResultDtoSchema,
  UploadDtoSchema,
  UploadFormSchema,
  UploadPreviewDtoSchema,
  UploadSummaryDtoSchema,
} from '@onetrip/contracts';

export const API_SCHEMAS = {
  ColumnMapping: ColumnMappingSchema,
  PartialColumnMapping: PartialColumnMappingSchema,
  CreateDatasetRequest: CreateDatasetRequestSchema,
  UpdateDatasetRequest: UpdateDatasetRequestSchema,
  DatasetDto: DatasetDtoSchema,
  LimitTableUpload: LimitTableUploadSchema,
  UploadForm: UploadFormSchema,
  UploadDto: UploadDtoSchema,
  UploadSummaryDto: UploadSummaryDtoSchema,
  UploadPreviewDto: UploadPreviewDtoSchema,
  CreateIngestionKeyRequest: CreateIngestionKeyRequestSchema,
  IngestionKeyDto: IngestionKeyDtoSchema,
  CreatedIngestionKeyDto: CreatedIngestionKeyDtoSchema,
  RunParams: RunParamsSchema,
  RunFilter: RunFilterSchema,
  CreateRunRequest: CreateRunRequestSchema,
  RunDto: RunDtoSchema,
  RunResultDto: RunResultDtoSchema,
  FacetsDto: FacetsDtoSchema,
  JourneyTimelineDto: JourneyTimelineDtoSchema,
  HealthDto: HealthDtoSchema,
  LoginRequest: LoginRequestSchema,
  LoginDto: LoginDtoSchema,
  SessionDto: SessionDtoSchema,
  ChangePasswordRequest: ChangePasswordRequestSchema,
  ProblemDetails: ProblemDetailsSchema,
} as const;

export type ApiSchemaName = keyof typeof API_SCHEMAS;
