/** `3 frames`, `1 frame`: a count with its noun, for messages and generated text. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
