/** The OID console's store: the one its side owns (side/createSide.ts), watching that side's trace. */
import { useStore } from 'zustand';
import { useSide } from '../side/SideProvider.tsx';
import type { ConsoleState, ConsoleStore } from '../store/consoleStore.ts';

export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(useSide().console, selector);
}

export function useConsoleStore(): ConsoleStore {
  return useSide().console;
}
