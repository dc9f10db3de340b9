/** What the last file action said (an export written, an edit applied, a drop refused), above the drawings. */
import { Banner } from '../ui/primitives.tsx';
import { useFileNotice } from './fileNotice.ts';

export function FileNotice() {
  const { notice, show } = useFileNotice();
  if (!notice) return null;
  return (
    <Banner
      role={notice.tone === 'error' ? 'alert' : 'status'}
      tone={notice.tone}
      data-testid="file-notice"
      onDismiss={() => show(null)}
    >
      <p className="[overflow-wrap:anywhere]">{notice.text}</p>
    </Banner>
  );
}
