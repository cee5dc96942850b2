/**
 * The page shell of the explorer and the builder, in the GOV.UK Design
 * System's template markup (govuk-frontend): skip link, service navigation,
 * width container, footer. No inline script or style, so the pages work under
 * a strict Content-Security-Policy: the script that adds "js-enabled" and
 * starts the components is /assets/explorer.js.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ASSETS_PREFIX } from './assets.js';

export type Section = 'explore' | 'builder' | 'register';

export interface Crumb {
  text: string;
  href: string;
}

export interface LayoutProps {
  title: string;
  section: Section;
  crumbs?: Crumb[];
  children: ComponentChildren;
}

const NAV: Array<{ id: Section; text: string; href: string }> = [
  { id: 'explore', text: 'Explore', href: '/explore' },
  { id: 'builder', text: 'Table builder', href: '/builder' },
  { id: 'register', text: 'Register', href: '/register' },
];

function ServiceNavigation(props: { section: Section }) {
  return (
    <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <span class="govuk-service-navigation__service-name">
            <a href="/explore" class="govuk-service-navigation__link">
              Routeways
            </a>
          </span>
          <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
            <ul class="govuk-service-navigation__list" id="navigation">
              {NAV.map((n) => (
                <li class={`govuk-service-navigation__item${n.id === props.section ? ' govuk-service-navigation__item--active' : ''}`}>
                  <a class="govuk-service-navigation__link" href={n.href} aria-current={n.id === props.section ? 'true' : undefined}>
                    {n.id === props.section ? <strong class="govuk-service-navigation__active-fallback">{n.text}</strong> : n.text}
                  </a>
                </li>
              ))}
              <li class="govuk-service-navigation__item">
                <a class="govuk-service-navigation__link" href="/api/docs">
                  API
                </a>
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

function Breadcrumbs(props: { crumbs: Crumb[] }) {
  return (
    <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol class="govuk-breadcrumbs__list">
        {props.crumbs.map((c) => (
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={c.href}>
              {c.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Layout(props: LayoutProps) {
  return (
    <html lang="en-GB" class="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <title>{`${props.title} – Routeways`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <link rel="icon" sizes="48x48" href={`${ASSETS_PREFIX}images/favicon.ico`} />
        <link rel="icon" sizes="any" href={`${ASSETS_PREFIX}images/favicon.svg`} type="image/svg+xml" />
        <link rel="manifest" href={`${ASSETS_PREFIX}manifest.json`} />
        <link rel="stylesheet" href={`${ASSETS_PREFIX}govuk-frontend.min.css`} />
        <link rel="stylesheet" href={`${ASSETS_PREFIX}explorer.css`} />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header class="govuk-template__header">
          <ServiceNavigation section={props.section} />
        </header>
        <div class="govuk-width-container">
          {props.crumbs && props.crumbs.length > 0 ? <Breadcrumbs crumbs={props.crumbs} /> : null}
          <main class="govuk-main-wrapper" id="main-content">
            {props.children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p class="govuk-body-s">
                  Every figure here has passed disclosure control (the cell key method): counts are perturbed so that no person can
                  be identified, and the same figure is the same everywhere it appears.
                </p>
              </div>
            </div>
          </div>
        </footer>
        <script src={`${ASSETS_PREFIX}explorer.js`} defer />
      </body>
    </html>
  );
}

/** A whole HTML document; preact escapes every text and attribute value. */
export function renderPage(props: LayoutProps): string {
  return `<!DOCTYPE html>\n${renderToString(<Layout {...props} />)}`;
}
