// Form ids carry their tenant's region: `frm_e_<20 chars>` (EU) or `frm_u_…` (US), so the edge
// picks the database for `POST /f/:formId` without a global lookup.

import { isIdBody, randomIdBody, regionFromMark, regionMark, type Region } from './regions';

export function newFormId(region: Region): string {
  return `frm_${regionMark(region)}_${randomIdBody()}`;
}

/** The region a form id names, or null when it is not a form id. */
export function formIdRegion(formId: string): Region | null {
  const m = /^frm_([eu])_(.{20})$/.exec(formId);
  if (!m || !isIdBody(m[2]!)) return null;
  return regionFromMark(m[1]!);
}
