/**
 * Parts of the page loaded on demand, so their code is not in what the first view downloads (bench P4): React.lazy
 * for a module that exports its component by name, the calm line shown while its code is on the way, and a frame
 * that loads a part only once it comes near the viewport.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useNearViewport } from './useNearViewport.ts';

// biome-ignore lint/suspicious/noExplicitAny: React.lazy itself takes ComponentType<any>; the props stay those of M[K].
type AnyComponent = ComponentType<any>;

export function lazyNamed<M extends Record<K, AnyComponent>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

export function PartLoading({ what }: { what: string }) {
  return (
    <p className="px-4 py-6 text-sm text-slate-500" aria-busy="true" data-testid="part-loading">
      Loading {what}…
    </p>
  );
}

/** A lazy part below the first screen: until it comes near the viewport (judged once `armed`, see useNearViewport),
 * a placeholder of the part's own size (`className` gives it the height) keeps the page from jumping when it arrives. */
export function NearPart({
  what,
  armed,
  className = '',
  children,
}: {
  what: string;
  armed: boolean;
  className?: string;
  children: ReactNode;
}) {
  const [ref, near] = useNearViewport<HTMLDivElement>(armed);
  const placeholder = (
    <div ref={ref} className={`rounded-lg border border-slate-200 bg-white ${className}`}>
      <PartLoading what={what} />
    </div>
  );
  return near ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}
