import { useQuery } from '@tanstack/react-query';
import type { ColumnMapping, CustomerField } from '../../../shared/formats/customer-columns.ts';
import type { ImportDetails, ImportFileFormat, ImportKind } from '../../../shared/imports.ts';
import { ApiError, api } from '../../api.ts';
import type { StaffRef } from '../customers/customers.api.ts';

export type { ColumnMapping, CustomerField, ImportKind };
/** The formats of a customer file. */
export type ImportFormat = 'shopify' | 'csv' | 'vcard';

/** `GET /api/imports/:id`: what an import did, line by line for what failed. */
export interface ImportReport {
  id: string;
  kind: ImportKind;
  fileName: string;
  format: ImportFileFormat;
  store: { id: string; name: string } | null;
  status: 'running' | 'completed' | 'failed';
  startedBy: StaffRef;
  startedAt: string;
  finishedAt: string | null;
  bytesRead: number;
  bytesTotal: number | null;
  rows: number;
  created: number;
  matched: number;
  empty: number;
  failed: number;
  details: ImportDetails;
  errors: { line: number; reason: string }[];
  warnings: { line: number; reason: string }[];
  message: string | null;
}

export const IMPORTS_KEY = ['imports'] as const;
export const importKey = (id: string) => [...IMPORTS_KEY, 'report', id] as const;

export function useImportLimits() {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'limits'],
    queryFn: ({ signal }) => api<{ maxBytes: number }>('/api/imports/limits', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Recent imports of some kinds, newest first; asks again every second while one of them is still running. */
export function useImports(kinds: readonly ImportKind[]) {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'list', kinds.join(',')],
    queryFn: async ({ signal }) => {
      const query = kinds.length === 1 ? `?kind=${kinds[0]}` : '';
      const { items } = await api<{ items: ImportReport[] }>(`/api/imports${query}`, { signal });
      return items.filter((r) => kinds.includes(r.kind));
    },
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'running') ? 1000 : false),
  });
}

/** One import's report; asks again every second while it is running. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: importKey(id ?? ''),
    queryFn: ({ signal }) => api<ImportReport>(`/api/imports/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends the file as the raw request body with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. `onUploaded` fires when the last byte has left and the server is finishing the import.
 * Rejects with an ApiError: the server's error, status 0 for a network failure, `aborted` if cancelled.
 */
export function uploadImport(
  kind: ImportKind,
  file: File,
  opts: {
    /** The route's own choices: format, mapping (an object, sent as JSON), store. */
    query: Record<string, string | object | undefined>;
    onProgress: (p: UploadProgress) => void;
    onUploaded: () => void;
    signal?: AbortSignal;
  },
): Promise<ImportReport> {
  const params = new URLSearchParams({ fileName: file.name });
  for (const [key, value] of Object.entries(opts.query))
    if (value !== undefined) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${kind}?${params}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => opts.onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => {
      opts.onProgress({ loaded: file.size, total: file.size });
      opts.onUploaded();
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The file did not reach Ones. Check the connection and try again.'));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The import was cancelled.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as ImportReport);
      else reject(uploadError(kind, xhr.status, body));
    };
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The server's error, with a plainer sentence for the answers a person can act on. */
function uploadError(kind: ImportKind, status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : 'http_error';
  const serverMessage = typeof e?.message === 'string' ? e.message : null;
  const message =
    status === 401
      ? 'Your session has ended. Sign in again in another tab, then choose Try again here: your file and choices are kept.'
      : status === 403
        ? (serverMessage ?? `Your role may not import ${kind}.`)
        : status === 413
          ? (serverMessage ?? 'The file is larger than Ones accepts.')
          : (serverMessage ?? `The server answered ${status || 'nothing'}. Try again.`);
  return new ApiError(status, code, message);
}
