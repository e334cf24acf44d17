import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import type { AppState, UploadDraft, UploadState } from '../store/state';
import type { Store } from '../store/store';
import { confirmDraft, initialDraft, type UploadActions } from '../views/upload';
import { wait } from './run-watcher';
import type { Session } from './session';

export interface UploadFlowOptions {
  /** How often a running upload's row counts are asked for. */
  pollIntervalMs: number;
  /** Makes upload ids. */
  newId: () => string;
  /** The dataset has new events (reload the list). */
  stored: () => Promise<void>;
  /** An upload ended, however it ended (the history now has it). */
  finished: (datasetId: string) => void;
}

/**
 * The upload card's state machine (`UploadState`): preview the first 64 KiB, confirm the
 * mapping, upload while polling the row counts, cancel and ask what became of it, report.
 */
export function createUploadFlow(
  api: ApiClient,
  store: Store<AppState>,
  session: Session,
  options: UploadFlowOptions,
): UploadActions {
  /** Aborts the running upload's request (cancel). */
  let uploadAbort: AbortController | null = null;

  const selected = () => {
    const { datasets, selectedId } = store.get();
    return datasets.items.find((d) => d.id === selectedId);
  };

  function setUpload(upload: UploadState): void {
    store.set({ upload });
  }

  /** Looks at the first 64 KiB of the chosen file and opens the mapping dialog. */
  async function chooseFile(
    file: File,
    encoding: string | null = null,
    sheet: string | null = null,
  ): Promise<void> {
    const dataset = selected();
    if (!dataset) return;
    const isCurrent = session.visit();
    const before = store.get().upload;
    const keep = before.status === 'preview' && before.file === file ? before.draft : undefined;
    setUpload({ status: 'previewing', file, encoding, sheet });
    try {
      const preview = await api.previewUpload(dataset.id, file, {
        ...(encoding === null ? {} : { encoding }),
        ...(sheet === null ? {} : { sheet }),
      });
      const current = store.get().upload;
      // Another file chosen, or the dataset left, meanwhile: this answer is stale.
      if (!isCurrent() || current.status !== 'previewing' || current.file !== file) return;
      setUpload({
        status: 'preview',
        file,
        preview,
        draft: { ...initialDraft(preview, keep), encoding, sheet },
      });
    } catch (error) {
      if (isCurrent()) setUpload({ status: 'previewFailed', file, error });
    }
  }

  function changeDraft(draft: UploadDraft): void {
    const current = store.get().upload;
    if (current.status === 'preview') setUpload({ ...current, draft, error: undefined });
  }

  function confirmUpload(): void {
    const current = store.get().upload;
    if (current.status !== 'preview') return;
    const confirmed = confirmDraft(current.draft, current.preview.format, current.preview);
    if (confirmed instanceof Error) {
      setUpload({ ...current, error: confirmed });
      return;
    }
    void runUpload(current.file, confirmed);
  }

  /** Uploads with the confirmed options; polls the row counts while the request runs. */
  async function runUpload(file: File, confirmed: ReturnType<typeof confirmDraft>): Promise<void> {
    const dataset = selected();
    if (!dataset || confirmed instanceof Error) return;
    const isCurrent = session.visit();
    const uploadId = options.newId();
    const abort = new AbortController();
    uploadAbort = abort;
    let running = true;
    setUpload({
      status: 'uploading',
      fileName: file.name,
      uploadId,
      loaded: 0,
      total: file.size,
      rows: null,
    });
    const poll = async (): Promise<void> => {
      while (running) {
        await wait(options.pollIntervalMs);
        if (!running || !isCurrent()) return;
        try {
          const live = await api.getUpload(uploadId);
          const current = store.get().upload;
          if (
            !running ||
            live.status !== 'receiving' ||
            (current.status !== 'uploading' && current.status !== 'processing') ||
            current.uploadId !== uploadId
          ) {
            continue;
          }
          setUpload({
            ...current,
            rows: { rowsRead: live.rowsRead, rowsRejected: live.rowsRejected },
          });
        } catch {
          // 404 until the first bytes arrive; a failed poll is not the upload failing.
        }
      }
    };
    void poll();
    try {
      const result = await api.upload(dataset.id, file, {
        ...confirmed,
        uploadId,
        signal: abort.signal,
        onProgress: (loaded, total) => {
          const current = store.get().upload;
          if (!isCurrent() || current.status !== 'uploading') return;
          setUpload(
            loaded >= total
              ? { status: 'processing', fileName: file.name, uploadId, rows: current.rows }
              : { ...current, loaded, total },
          );
        },
      });
      running = false;
      if (!isCurrent()) return;
      setUpload({ status: 'done', upload: result });
      await options.stored();
    } catch (error) {
      running = false;
      if (!isCurrent()) return;
      if (error instanceof DOMException && error.name === 'AbortError') {
        await settleCancelled(file.name, uploadId, isCurrent);
        return;
      }
      // The server keeps a failed upload's counts and rejected rows: show them with the problem.
      let record = null;
      if (error instanceof ApiError && error.problem.status !== 0) {
        record = await api.getUpload(uploadId).catch(() => null);
      }
      if (!isCurrent()) return;
      setUpload({
        status: 'failed',
        error,
        upload: record && record.status === 'failed' ? record : null,
      });
    } finally {
      running = false;
      if (uploadAbort === abort) uploadAbort = null;
      options.finished(dataset.id);
    }
  }

  /**
   * After cancel: asks the server what became of the upload. Usually it was dropped (the dataset
   * is unchanged); if every byte had already arrived, it may have been stored all the same.
   */
  async function settleCancelled(
    fileName: string,
    uploadId: string,
    isCurrent: () => boolean,
  ): Promise<void> {
    setUpload({ status: 'cancelling', fileName, uploadId });
    for (let attempt = 0; attempt < 20; attempt++) {
      let record;
      try {
        record = await api.getUpload(uploadId);
      } catch (error) {
        // Never recorded: nothing of it reached the dataset.
        if (error instanceof ApiError && error.problem.status === 404) break;
        record = null;
      }
      if (!isCurrent()) return;
      if (record?.status === 'completed') {
        setUpload({ status: 'done', upload: record, lateCancel: true });
        await options.stored();
        return;
      }
      if (record?.status === 'failed') break;
      await wait(options.pollIntervalMs);
    }
    if (isCurrent()) setUpload({ status: 'cancelled', fileName });
  }

  return {
    chooseFile: (file) => void chooseFile(file),
    reencode: (encoding) => {
      const current = store.get().upload;
      if (current.status === 'preview') {
        void chooseFile(current.file, encoding, current.draft.sheet ?? null);
      }
    },
    chooseSheet: (sheet) => {
      const current = store.get().upload;
      if (current.status === 'preview')
        void chooseFile(current.file, current.draft.encoding, sheet);
    },
    changeDraft,
    confirm: confirmUpload,
    discard: () => setUpload({ status: 'idle' }),
    cancel: () => uploadAbort?.abort(),
    rejectedCsvUrl: (uploadId) => api.rejectedCsvUrl(uploadId),
  };
}
