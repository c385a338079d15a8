// THE table of screens: path (under /admin), title, component, and the permission (shared/access.ts)
// a role needs to see it in the navigation and open it. A new screen is one file in screens/ and
// one line here; `nav: false` screens are reached from another (a request's page).

import type { ComponentType } from 'preact';
import type { Permission } from '../shared/access';
import type { Session } from './session';
import { strings } from './strings';
import { Audit } from './screens/audit';
import { Overview } from './screens/overview';
import { RequestPage } from './screens/request';
import { Requests } from './screens/requests';

export type ScreenProps = { params: Record<string, string>; session: Session };

export type Screen = {
  path: string;
  title: string;
  component: ComponentType<ScreenProps>;
  permission: Permission;
  nav: boolean;
};

const s = strings;

export const SCREENS: Screen[] = [
  { path: '/', title: s.overview.title, component: Overview, permission: 'reports.read', nav: true },
  { path: '/requests', title: s.requests.title, component: Requests, permission: 'requests.read', nav: true },
  {
    path: '/requests/:id',
    title: s.request.title,
    component: RequestPage,
    permission: 'requests.read',
    nav: false,
  },
  { path: '/audit-log', title: s.audit.title, component: Audit, permission: 'audit.read', nav: true },
];
