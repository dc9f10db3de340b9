/**
 * The one host function the engine relies on beyond ES2022. Node ≥ 17 and every Web Worker have it;
 * the engine-only tsconfig (lib ES2022, no DOM) would not know it otherwise.
 */
declare function structuredClone<T>(value: T): T;
