/**
 * Parts of the page loaded on demand, so their code is not in what the first view downloads (bench P4): React.lazy
 * for a module that exports its component by name, and the calm line shown while its code is on the way.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

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
    <p className="px-4 py-6 text-sm text-slate-400" aria-busy="true" data-testid="part-loading">
      Loading {what}…
    </p>
  );
}
