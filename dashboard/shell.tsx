// The frame of every signed-in screen: skip link, header with the workspace and the user, the
// navigation from the screen table (only what the role may open; collapsed behind a button on a
// phone), and the main region with the screen's heading.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Link } from './components/link';
import type { Screen } from './screens';
import { may, type Session } from './session';
import { strings } from './strings';

export function Shell(props: {
  session: Session;
  screens: Screen[];
  current?: Screen;
  title: string;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const { session } = props;
  const visible = props.screens.filter((s) => s.nav && may(session, s.permission));
  return (
    <>
      <a class="skip-link" href="#main">
        {strings.app.skipLink}
      </a>
      <header class="top">
        <div class="brand">
          <span class="app-name">{strings.app.name}</span>
          <span class="workspace">
            {session.tenant.name} · {session.tenant.workspace}
          </span>
        </div>
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {strings.app.menu}
        </button>
        <nav id="nav" class={menuOpen ? 'nav open' : 'nav'} aria-label={strings.app.navigation}>
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: following a link (a click, by mouse or Enter) closes the menu on a phone; the keys are the links' own */}
          <ul onClick={() => setMenuOpen(false)}>
            {visible.map((s) => (
              <li key={s.path}>
                <Link to={s.path} current={s === props.current}>
                  {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="user">
          <span>
            {strings.app.signedInAs(
              session.user.email,
              strings.roles[session.user.role] ?? session.user.role,
            )}
          </span>
          <button type="button" onClick={props.onSignOut}>
            {strings.app.signOut}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </>
  );
}
