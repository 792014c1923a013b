import { data } from "react-router";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export function loader() {
  throw data({ reason: "not-found" }, { status: 404 });
}

export function action() {
  throw data({ reason: "not-found" }, { status: 404 });
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
