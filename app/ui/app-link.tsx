import { type AnchorHTMLAttributes, useEffect } from "react";
import { useNavigate } from "react-router";

/**
 * A link to one of the app's pages, for the links every page repeats (the header, a course's outline, a catalogue
 * card). It is a plain `<a>` marked `data-nav`: without JavaScript (lite mode, a failed script) the browser follows it;
 * with JavaScript one click handler for the whole document (useAppLinks, in the root) turns it into a client-side
 * navigation, as React Router's `<Link>` does. `<Link>` runs its hooks (resolving the path against the route matches,
 * prefetch state, a click handler) for every link on every server render; this costs nothing per link.
 *
 * Only for an absolute path of a page (not a file download, not a resource route, not a link that must reload the
 * document): use `<Link>` for anything else.
 */
export function AppLink({ to, ...props }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: `/${string}` }) {
  return <a href={to} data-nav="" {...props} />;
}

/** Whether a click on this link is one to handle here: a plain left click, no modifier, no other target or download. */
function isPlainClick(event: MouseEvent, link: HTMLAnchorElement) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return false;
  return link.origin === window.location.origin;
}

/** In the root: a click on any AppLink becomes a client-side navigation (React Router's own, with its data request). */
export function useAppLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[data-nav]") : null;
      if (!(link instanceof HTMLAnchorElement) || !isPlainClick(event, link)) return;
      event.preventDefault();
      const to = link.pathname + link.search + link.hash;
      // As <Link> does: a link to the page already shown replaces its history entry rather than adding one.
      const here = window.location.pathname + window.location.search + window.location.hash;
      void navigate(to, { replace: to === here });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
