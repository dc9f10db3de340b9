/** A capture read from a dropped file, waiting for the user to choose how to replay it (CaptureDialog). */
import { create } from 'zustand';
import type { CaptureRead } from '../../scenario/capture.ts';

export interface PendingCapture {
  name: string;
  read: CaptureRead;
}

export const useCaptureDrop = create<{ pending: PendingCapture | null; offer(pending: PendingCapture | null): void }>()(
  (set) => ({ pending: null, offer: (pending) => set({ pending }) }),
);
