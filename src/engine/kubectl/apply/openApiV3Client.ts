import type { GroupVersionKind } from '../../api/groupVersion';
import type { ApiClient } from '../../client/apiClient';
import { patchSchemaFor, type OpenApiV3Document, type PatchSchema } from './patchSchema';

interface OpenApiV3Index {
  paths?: Record<string, { serverRelativeURL?: string }>;
}

/**
 * OpenApiV3Client fetches /openapi/v3 and the group-version documents it links to (by content
 * hash, as kubectl's cached discovery does), once each, and answers patch schema lookups.
 */
export class OpenApiV3Client {
  private index?: Promise<OpenApiV3Index>;
  private readonly documents = new Map<string, Promise<OpenApiV3Document>>();

  constructor(private readonly client: ApiClient) {}

  /** patchSchema returns the strategic merge patch schema of a kind. */
  async patchSchema(gvk: GroupVersionKind): Promise<PatchSchema> {
    const gvPath = gvk.group === '' ? `api/${gvk.version}` : `apis/${gvk.group}/${gvk.version}`;
    let doc = this.documents.get(gvPath);
    if (!doc) {
      doc = this.fetchDocument(gvPath);
      this.documents.set(gvPath, doc);
      doc.catch(() => this.documents.delete(gvPath));
    }
    return patchSchemaFor(await doc, gvk);
  }

  private async fetchDocument(gvPath: string): Promise<OpenApiV3Document> {
    if (!this.index) {
      this.index = this.get('/openapi/v3', {}) as Promise<OpenApiV3Index>;
      this.index.catch(() => (this.index = undefined));
    }
    const url = (await this.index).paths?.[gvPath]?.serverRelativeURL;
    if (!url) return {};
    const [path, search = ''] = url.split('?');
    const query: Record<string, string> = {};
    for (const pair of search.split('&').filter(Boolean)) {
      const eq = pair.indexOf('=');
      query[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    }
    return (await this.get(path, query)) as OpenApiV3Document;
  }

  private async get(path: string, query: Record<string, string>): Promise<unknown> {
    const res = await this.client.raw({ method: 'GET', path, query, accept: 'application/json' });
    if (res.status !== 200) throw new Error(`failed to download openapi: GET ${path} answered ${res.status}`);
    return res.body;
  }
}
