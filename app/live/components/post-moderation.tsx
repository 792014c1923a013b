import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { WallPost } from "../state.server";

/** The trainer's buttons on one wall post; `back` is the page to return to. */
export function PostModeration({ post, back }: { post: WallPost; back: "present" | "results" }) {
  const { t } = useTranslation();
  const button = (action: string, label: string) => (
    <Form method="post" key={action}>
      <input type="hidden" name="intent" value="moderate" />
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="post" value={post.id} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" className={`btn-secondary py-1 text-sm ${action === "delete" ? "text-red-800" : ""}`}>
        {label}
        <span className="sr-only">: {post.body.slice(0, 60)}</span>
      </button>
    </Form>
  );
  return (
    <>
      {button(post.pinned ? "unpin" : "pin", post.pinned ? t("live.mod.unpin") : t("live.mod.pin"))}
      {button(post.hidden ? "unhide" : "hide", post.hidden ? t("live.mod.unhide") : t("live.mod.hide"))}
      {button(post.answered ? "unanswered" : "answered", post.answered ? t("live.mod.unanswered") : t("live.mod.answered"))}
      {button("delete", t("live.mod.delete"))}
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="moderate" />
        <input type="hidden" name="back" value={back} />
        <input type="hidden" name="post" value={post.id} />
        <input type="hidden" name="action" value="answer" />
        <label className="text-sm">
          <span className="block font-semibold">{t("live.answer")}</span>
          <input name="answer" defaultValue={post.answer ?? ""} maxLength={500} className="field-input py-1 text-sm" />
        </label>
        <button type="submit" className="btn-secondary py-1 text-sm">
          {t("live.mod.saveAnswer")}
        </button>
      </Form>
    </>
  );
}
