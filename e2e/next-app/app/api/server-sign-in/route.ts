/**
 * Signs in with `auth.api` on the server, as a server action would: no Response of Better Auth's
 * reaches the browser, so the session cookie only gets there through `nextCookies()`.
 */
import { auth } from "../../../lib/auth";

export async function POST(request: Request) {
	const { email, password } = (await request.json()) as { email: string; password: string };
	const result = await auth.api.signInEmail({ body: { email, password } });
	return Response.json({ userId: result.user.id });
}
