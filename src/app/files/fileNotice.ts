/** The last thing a file action has to say (an export written, an edit applied, a drop refused), above the drawings. */
import { create } from 'zustand';

export interface FileNoticeText {
  tone: 'neutral' | 'warning' | 'error';
  text: string;
}

export const useFileNotice = create<{ notice: FileNoticeText | null; show(notice: FileNoticeText | null): void }>()(
  (set) => ({ notice: null, show: (notice) => set({ notice }) }),
);
