import { headers } from "next/headers";
import { auth } from "../lib/auth";

/** A Server Component reading the session from the request's cookies, as the Next.js docs show. */
export default async function Home() {
	const session = await auth.api.getSession({ headers: await headers() });
	return <main>{session ? <p id="user">Signed in as {session.user.email}</p> : <p id="user">Signed out</p>}</main>;
}
