/** A link to Microsoft's own page, opened in a new tab: the one way the app links to Microsoft Learn. */
import type { ReactNode } from 'react';
import { type LearnPage, learnUrl } from './learnPages.ts';

export function LearnLink({ page, children }: { page: LearnPage; children?: ReactNode }) {
  return (
    <a
      href={learnUrl(page)}
      target="_blank"
      rel="noopener noreferrer"
      title={children === undefined ? undefined : `${page.name} on Microsoft Learn`}
      className="text-sky-700 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-700 focus-visible:outline-2 focus-visible:outline-sky-600"
      data-testid="learn-link"
    >
      {children ?? page.name}
      <span aria-hidden="true"> ↗</span>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
