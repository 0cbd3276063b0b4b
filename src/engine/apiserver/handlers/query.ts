import type { ApiRequest } from '../../client/transport';
import { newBadRequest } from '../errors';

/** q reads one query parameter (the first, when repeated). */
export function q(req: ApiRequest, name: string): string | undefined {
  const v = req.query?.[name];
  return Array.isArray(v) ? v[0] : v;
}

/** isDryRun reads dryRun=All; any other value is refused as upstream does. */
export function isDryRun(req: ApiRequest): boolean {
  const v = q(req, 'dryRun');
  if (v === undefined || v === '') return false;
  if (v !== 'All') throw newBadRequest(`Invalid dry run value: ${v}`);
  return true;
}

/** intParam reads an integer query parameter; garbage is a 400. */
export function intParam(req: ApiRequest, name: string): number | undefined {
  const v = q(req, name);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw newBadRequest(`invalid value for ${name}: ${v}`);
  return Number(v);
}

/** boolParam reads true/false/1/0. */
export function boolParam(req: ApiRequest, name: string): boolean {
  const v = q(req, name);
  return v === 'true' || v === '1';
}

/** wantsTable reports whether the Accept header asks for a meta.k8s.io Table. */
export function wantsTable(req: ApiRequest): boolean {
  return /as=Table/.test(req.accept ?? '') && /g=meta\.k8s\.io/.test(req.accept ?? '');
}
