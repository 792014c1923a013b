import { redirect } from "react-router";
import type { Route } from "./+types/home";
import { getUser } from "~/platform/auth.server";

export function loader({ context }: Route.LoaderArgs) {
  throw redirect(getUser(context) ? "/learning" : "/login");
}
