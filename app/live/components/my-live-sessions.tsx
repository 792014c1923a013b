import { useTranslation } from "react-i18next";
import { formatDate } from "~/platform/format";

type Item = { code: string; title: string; status: string; joinedAt: string | Date };

/** My learning's small section: the live sessions the person took part in and the way to join one. */
export function MyLiveSessions({ sessions }: { sessions: Item[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="live-sessions-heading">
      <h2 id="live-sessions-heading" className="text-xl font-semibold">
        {t("live.mySessionsTitle")}
      </h2>
      {sessions.length ? (
        <ul className="mt-3 space-y-2">
          {sessions.map((s) => (
            <li key={s.code}>
              <a href={`/live/${s.code}`}>{s.title}</a>{" "}
              <span className="text-sm text-stone-700">
                · {formatDate(s.joinedAt, i18n.language)} · {t(`live.statuses.${s.status}`)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-2">
        <a href="/live">{t("live.joinLive")}</a>
      </p>
    </section>
  );
}
