import { Injectable } from '@nestjs/common';
import { DatasetRepository, RunRepository, UploadRepository, isUuid } from '@onetrip/backend';
import { notFound, type ProblemException } from '../problem/problem';
import { canSeeDepartment, type AuthUser } from './auth-user';

/**
 * Dataset-level department scoping for every route that names one dataset, run or upload
 * (`/datasets/:id…`, `/runs/:id…`, `/uploads/:id…`), in one place: a user outside the owning
 * department gets the same 404 as for an id that does not exist, so existence is not leaked.
 */
@Injectable()
export class DatasetScope {
  constructor(
    private readonly datasets: DatasetRepository,
    private readonly runs: RunRepository,
    private readonly uploads: UploadRepository,
  ) {}

  /** A 404 to throw when the route's resource is outside the user's departments, else null. */
  async refuse(
    user: AuthUser,
    routePath: string,
    params: Record<string, string>,
  ): Promise<ProblemException | null> {
    if (user.role === 'admin') return null;
    const match = /^\/api\/v1\/(datasets|runs|uploads)\/:id(\/|$)/.exec(routePath);
    const id = params.id;
    if (!match || !id || !isUuid(id)) return null;
    const what = match[1] === 'datasets' ? 'dataset' : match[1] === 'runs' ? 'run' : 'upload';
    const datasetId =
      what === 'dataset'
        ? id
        : what === 'run'
          ? (await this.runs.findById(id))?.datasetId
          : (await this.uploads.findById(id))?.datasetId;
    if (!datasetId) return null; // the controller answers its own 404
    const dataset = await this.datasets.findById(datasetId);
    if (!dataset || canSeeDepartment(user, dataset.department)) return null;
    return notFound(what, id);
  }
}
