// Messages about what went wrong and what to do; dismissable, never blocking the page.
import { useHandcastStore } from '../../store';

export function Notices() {
  const notices = useHandcastStore((s) => s.notices);
  const dismiss = useHandcastStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice notice-${notice.kind}`}>
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
