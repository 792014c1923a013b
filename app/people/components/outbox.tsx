import { useTranslation } from "react-i18next";

/** "invite" → "Lời mời"; kinds other helpers add show as they are until they get a label. */
export function useKindLabel() {
  const { t, i18n } = useTranslation();
  return (kind: string) => (i18n.exists(`staffAdmin.outbox.kinds.${kind}`) ? t(`staffAdmin.outbox.kinds.${kind}`) : kind);
}
