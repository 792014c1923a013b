import { data } from "react-router";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export function loader() {
  throw data({ reason: "not-found" }, { status: 404 });
}

export function action() {
  throw data({ reason: "not-found" }, { status: 404 });
}

// Never rendered (the loader always throws); present so the router has an element for the route.
export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
