/** The explorer's error page: what went wrong in plain words, and a way on. */
import { renderPage, type Section } from './layout.js';

const TITLES: Record<number, string> = {
  400: 'There is a problem with the address',
  403: 'This form has expired',
  404: 'Page not found',
  422: 'This cannot be shown',
  429: 'Too many requests',
};

export function errorPage(status: number, detail: string, section: Section): string {
  const title = TITLES[status] ?? 'Sorry, there is a problem with the service';
  return renderPage({
    title,
    section,
    children: (
      <>
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body" data-detail>
          {status >= 500 ? 'Try again later.' : detail}
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={section === 'builder' ? '/builder' : '/explore'}>
            {section === 'builder' ? 'Start a new table' : 'Go to the explorer'}
          </a>
        </p>
      </>
    ),
  });
}
