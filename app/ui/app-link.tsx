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

type Click = Pick<MouseEvent, "defaultPrevented" | "button" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey">;
type Link = Pick<HTMLAnchorElement, "target" | "origin" | "pathname" | "search" | "hash" | "hasAttribute">;

/**
 * Where a click on an AppLink goes as a client-side navigation: its path, query and hash, for a plain left click (no
 * modifier, not already handled) on a link of this origin with no other target and no download. Null leaves the click
 * to the browser (a new tab or window, a download, another site).
 */
export function navigableHref(event: Click, link: Link, origin: string): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return null;
  if (link.origin !== origin) return null;
  return link.pathname + link.search + link.hash;
}

/** In the root: a click on any AppLink becomes a client-side navigation (React Router's own, with its data request). */
export function useAppLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[data-nav]") : null;
      const to = link instanceof HTMLAnchorElement ? navigableHref(event, link, window.location.origin) : null;
      if (to === null) return;
      event.preventDefault();
      // As <Link> does: a link to the page already shown replaces its history entry rather than adding one.
      const here = window.location.pathname + window.location.search + window.location.hash;
      void navigate(to, { replace: to === here });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
