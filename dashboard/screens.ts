// THE table of screens: path (under /admin), title, component, and the permission (shared/access.ts)
// a role needs to see it in the navigation and open it. A new screen is one file in screens/ and
// one line here; `nav: false` screens are reached from another (a request's page).

import type { ComponentType } from 'preact';
import type { Permission } from '../shared/access';
import type { Session } from './session';
import { strings } from './strings';
import { ApiKeys } from './screens/api-keys';
import { Audit } from './screens/audit';
import { Consent } from './screens/consent';
import { Forms } from './screens/forms';
import { Lists } from './screens/lists';
import { MessagePage } from './screens/message';
import { Messages } from './screens/messages';
import { Overview } from './screens/overview';
import { ProfileFields } from './screens/profile-fields';
import { RequestPage } from './screens/request';
import { Requests } from './screens/requests';
import { Settings } from './screens/settings';
import { SignInSettings } from './screens/sign-in-settings';
import { Subscriber } from './screens/subscriber';
import { Users } from './screens/users';
import { WebhookPage } from './screens/webhook';
import { Webhooks } from './screens/webhooks';

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
  { path: '/consent', title: s.consent.title, component: Consent, permission: 'consent.read', nav: true },
  {
    path: '/subscribers/:id',
    title: s.subscriber.title,
    component: Subscriber,
    permission: 'consent.read',
    nav: false,
  },
  { path: '/audit-log', title: s.audit.title, component: Audit, permission: 'audit.read', nav: true },
  { path: '/lists', title: s.lists.title, component: Lists, permission: 'marketing.read', nav: true },
  { path: '/forms', title: s.forms.title, component: Forms, permission: 'marketing.read', nav: true },
  {
    path: '/profile-fields',
    title: s.profileFields.title,
    component: ProfileFields,
    permission: 'marketing.read',
    nav: true,
  },
  {
    path: '/messages',
    title: s.messages.title,
    component: Messages,
    permission: 'messages.manage',
    nav: true,
  },
  {
    path: '/messages/:id',
    title: s.message.title,
    component: MessagePage,
    permission: 'messages.manage',
    nav: false,
  },
  {
    path: '/webhooks',
    title: s.webhooks.title,
    component: Webhooks,
    permission: 'webhooks.manage',
    nav: true,
  },
  {
    path: '/webhooks/:id',
    title: s.webhook.title,
    component: WebhookPage,
    permission: 'webhooks.manage',
    nav: false,
  },
  { path: '/users', title: s.users.title, component: Users, permission: 'users.manage', nav: true },
  { path: '/api-keys', title: s.apiKeys.title, component: ApiKeys, permission: 'keys.manage', nav: true },
  {
    path: '/sign-in-settings',
    title: s.signInSettings.title,
    component: SignInSettings,
    permission: 'settings.manage',
    nav: true,
  },
  {
    path: '/settings',
    title: s.settings.title,
    component: Settings,
    permission: 'settings.manage',
    nav: true,
  },
];
