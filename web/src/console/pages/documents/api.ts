// Typed client of the routes of the digitize module (/api/v1/documents...). Reads of what a document says (page
// text, image, search, downloads) are personal data: they carry the purpose the officer stated. The upload goes
// with XMLHttpRequest, so that the bytes sent can be shown.

import { ApiError, NETWORK_ERROR, toApiError } from '../../../shared/api.ts';
import type { Api } from '../../session.ts';
import { bytesToDataUrl, searchQuery, type OcrWord, type SearchParams, type SnippetPart, type UploadLang } from './logic.ts';

export interface DocPage {
  no: number;
  status: 'pending' | 'done' | 'failed' | 'blank' | string;
  confidence: number | null;
  skew_deg?: number | null;
  rotation?: number | null;
  error?: string;
}

export interface Document {
  id: number;
  filename: string;
  title: string;
  format: string;
  lang: string;
  status: 'queued' | 'processing' | 'done' | 'failed' | string;
  pages_total: number;
  pages_done: number;
  pages_failed: number;
  pages_blank: number;
  confidence: number | null;
  created_at: string;
  finished_at: string | null;
  created_by: string;
  error: string;
  /** Size of the file uploaded, and its SHA-256 (hex). */
  bytes?: number;
  sha256?: string;
  fields?: Record<string, unknown>;
  links?: { pdf?: string; text?: string; json?: string };
  pages?: DocPage[];
}

export interface PageText {
  no: number;
  width: number;
  height: number;
  text: string;
  confidence: number | null;
  words: OcrWord[];
}

export interface SearchResult {
  document_id: number;
  page: number;
  filename: string;
  title: string;
  fields?: Record<string, unknown>;
  score?: number;
  snippet: SnippetPart[] | string;
}

export interface DocType {
  code: string;
  name_vi: string;
  name_en: string;
}

export interface Upload {
  /** Resolves with the document the server made (201), or rejects with an ApiError (or an AbortError). */
  readonly done: Promise<Document>;
  abort(): void;
}

export class DocumentsApi {
  private typesP: Promise<DocType[]> | null = null;

  constructor(readonly api: Api) {}

  types(): Promise<DocType[]> {
    if (!this.typesP) {
      const p = this.api.json<{ types: DocType[] }>('/api/v1/documents/types')
        .then((r) => (Array.isArray(r?.types) ? r.types : []));
      this.typesP = p;
      p.catch(() => {
        if (this.typesP === p) this.typesP = null;
      });
    }
    return this.typesP;
  }

  async list(status: string, limit: number, offset: number): Promise<{ documents: Document[]; total: number }> {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    q.set('limit', String(limit));
    q.set('offset', String(offset));
    const r = await this.api.json<{ documents: Document[]; total: number }>(`/api/v1/documents?${q.toString()}`);
    const documents = Array.isArray(r?.documents) ? r.documents : [];
    return { documents, total: Number.isFinite(r?.total) ? r.total : documents.length };
  }

  get(id: number): Promise<Document> {
    return this.api.json<Document>(`/api/v1/documents/${id}`);
  }

  /** Personal data: needs a purpose. */
  async search(p: SearchParams, limit: number, purpose: string | null): Promise<{ total: number; exact: boolean; results: SearchResult[] }> {
    const r = await this.api.json<{ total: number; total_exact?: boolean; results: SearchResult[] }>(
      `/api/v1/documents/search?${searchQuery(p, limit)}`, { purpose });
    const results = Array.isArray(r?.results) ? r.results : [];
    // The server stops counting at a cap: the total is then a lower bound.
    return { total: Number.isFinite(r?.total) ? r.total : results.length, exact: r?.total_exact !== false, results };
  }

  /** Personal data: the text and the words of one page. */
  page(id: number, no: number, purpose: string | null): Promise<PageText> {
    return this.api.json<PageText>(`/api/v1/documents/${id}/pages/${no}`, { purpose });
  }

  /** Personal data: the page image as OCRed, as a data: URL (the page policy allows data: images, not blob:). */
  async pageImage(id: number, no: number, purpose: string | null): Promise<string> {
    const res = await this.api.raw(`/api/v1/documents/${id}/pages/${no}/image`, { purpose, accept: 'image/jpeg' });
    const type = (res.headers.get('Content-Type') ?? 'image/jpeg').split(';')[0]!.trim() || 'image/jpeg';
    const bytes = new Uint8Array(await res.arrayBuffer());
    return bytesToDataUrl(bytes, /^image\/(jpeg|png)$/.test(type) ? type : 'image/jpeg');
  }

  /** Personal data: a download (PDF, text, JSON) as a blob and the name the server gave it. */
  async download(path: string, accept: string, purpose: string | null): Promise<{ blob: Blob; disposition: string | null }> {
    const res = await this.api.raw(path, { purpose, accept });
    return { blob: await res.blob(), disposition: res.headers.get('Content-Disposition') };
  }

  /** POST /api/v1/documents as multipart/form-data; `progress` gets the bytes sent. */
  upload(file: File, opts: { lang: UploadLang; title: string }, progress: (sent: number, total: number) => void): Upload {
    const xhr = new XMLHttpRequest();
    const done = new Promise<Document>((resolve, reject) => {
      const form = new FormData();
      // The text fields first: the server knows them before the file's bytes arrive.
      form.append('lang', opts.lang);
      if (opts.title) form.append('title', opts.title);
      form.append('file', file, file.name);
      xhr.open('POST', '/api/v1/documents');
      xhr.setRequestHeader('Authorization', `Bearer ${this.api.token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.responseType = 'text';
      xhr.upload.addEventListener('progress', (ev) => progress(ev.loaded, ev.lengthComputable ? ev.total : file.size));
      xhr.addEventListener('load', () => {
        void (async () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              resolve(JSON.parse(xhr.responseText) as Document);
            } catch {
              reject(new ApiError(xhr.status, {}, undefined, { vi: 'Máy chủ trả lời không đúng định dạng', en: 'Unexpected response from the server' }));
            }
            return;
          }
          const headers = new Headers();
          for (const name of ['Content-Type', 'Retry-After']) {
            const v = xhr.getResponseHeader(name);
            if (v) headers.set(name, v);
          }
          const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 502;
          const err = await toApiError(new Response(xhr.responseText, { status, headers }));
          if (err.status === 401) this.api.unauthorized();
          reject(err);
        })();
      });
      xhr.addEventListener('error', () => reject(new ApiError(0, {}, undefined, NETWORK_ERROR)));
      xhr.addEventListener('abort', () => reject(new DOMException('upload cancelled', 'AbortError')));
      xhr.send(form);
    });
    return { done, abort: () => xhr.abort() };
  }
}

const clients = new WeakMap<Api, DocumentsApi>();

/** One client per signed-in session (the Api object lives as long as the session). */
export function documentsApi(api: Api): DocumentsApi {
  let c = clients.get(api);
  if (!c) {
    c = new DocumentsApi(api);
    clients.set(api, c);
  }
  return c;
}
