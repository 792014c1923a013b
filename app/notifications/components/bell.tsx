import { useTranslation } from "react-i18next";
import { AppLink } from "~/ui/app-link";
import { formatNumber } from "~/i18n/numbers";

/**
 * The header's bell: a plain link to /notifications (works without JavaScript) whose accessible name carries the
 * unread count; the visible badge repeats it for sighted readers.
 */
export function NotificationBell({ unread }: { unread: number }) {
  const { t, i18n } = useTranslation();
  const label = unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bellNone");
  const shown = unread > 99 ? "99+" : formatNumber(unread, i18n.language, 0);
  return (
    <AppLink
      to="/notifications"
      aria-label={label}
      data-testid="notification-bell"
      className="relative inline-flex h-10 w-10 items-center justify-center rounded-md text-stone-800 hover:bg-stone-100"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold leading-5 text-white">
          {shown}
        </span>
      ) : null}
    </AppLink>
  );
}
