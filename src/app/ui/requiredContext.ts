/** A React context that must be provided: the context (render it as the provider, `<X value={…}>`) and a hook that
 * names the provider when a component is used outside it. */
import { createContext, useContext } from 'react';
import type { Context } from 'react';

export function requiredContext<T>(providerName: string): [Context<T | null>, () => T] {
  const context = createContext<T | null>(null);
  const use = (): T => {
    const value = useContext(context);
    if (value === null) throw new Error(`this component must be used inside <${providerName}>`);
    return value;
  };
  return [context, use];
}
