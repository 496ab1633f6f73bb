import { type FormEvent, useCallback, useEffect, useState } from "react";
import { authClient } from "./auth-client";

type ErrorLike = { message?: string; code?: string; status?: number } | null | undefined;

/** Server errors in plain words: the message the server sent, or a sentence for the status. */
export function plainError(error: ErrorLike): string {
	if (!error) return "";
	if (error.message) return error.message.endsWith(".") ? error.message : `${error.message}.`;
	if (error.status === 429) return "Too many attempts. Wait a few seconds and try again.";
	return "Something went wrong. Please try again.";
}

/** Runs an async action with a pending flag and an error message for the button that started it. */
function useAction() {
	const [pending, setPending] = useState(false);
	const [error, setError] = useState("");
	const run = async (action: () => Promise<{ error?: ErrorLike } | undefined | void>) => {
		setPending(true);
		setError("");
		try {
			const result = await action();
			if (result && result.error) setError(plainError(result.error));
			return !(result && result.error);
		} catch {
			setError("The server could not be reached.");
			return false;
		} finally {
			setPending(false);
		}
	};
	return { pending, error, run, setError };
}

export function App() {
	const session = authClient.useSession();
	if (session.isPending)
		return (
			<main className="card" aria-busy="true">
				Loading…
			</main>
		);
	return session.data ? <Dashboard /> : <SignInPage />;
}

function SignInPage() {
	const [mode, setMode] = useState<"sign-in" | "sign-up">("sign-in");
	const [providers, setProviders] = useState<string[]>([]);
	const action = useAction();
	useEffect(() => {
		fetch("/api/demo/config")
			.then((response) => response.json())
			.then((config: { providers: string[] }) => setProviders(config.providers))
			.catch(() => setProviders([]));
	}, []);

	const submit = async (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget);
		const email = String(form.get("email"));
		const password = String(form.get("password"));
		await action.run(() =>
			mode === "sign-in"
				? authClient.signIn.email({ email, password })
				: authClient.signUp.email({ email, password, name: String(form.get("name")) }),
		);
	};

	return (
		<main className="card">
			<h1>{mode === "sign-in" ? "Sign in" : "Create an account"}</h1>
			<form onSubmit={submit}>
				{mode === "sign-up" && (
					<label>
						Name
						<input name="name" autoComplete="name" required />
					</label>
				)}
				<label>
					Email
					<input name="email" type="email" autoComplete="email" required />
				</label>
				<label>
					Password
					<input
						name="password"
						type="password"
						autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
						minLength={8}
						required
					/>
				</label>
				{action.error && (
					<p role="alert" className="error">
						{action.error}
					</p>
				)}
				<button type="submit" disabled={action.pending}>
					{action.pending ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Sign up"}
				</button>
			</form>
			{providers.length > 0 && (
				<div className="social">
					{providers.map((provider) => (
						<button
							key={provider}
							type="button"
							disabled={action.pending}
							onClick={() => action.run(() => authClient.signIn.social({ provider, callbackURL: "/" }))}
						>
							Continue with {provider[0].toUpperCase() + provider.slice(1)}
						</button>
					))}
				</div>
			)}
			<p>
				{mode === "sign-in" ? "No account yet? " : "Already registered? "}
				<button
					type="button"
					className="link"
					onClick={() => {
						action.setError("");
						setMode(mode === "sign-in" ? "sign-up" : "sign-in");
					}}
				>
					{mode === "sign-in" ? "Create one" : "Sign in"}
				</button>
			</p>
		</main>
	);
}

interface SessionRow {
	id: string;
	token: string;
	userAgent?: string | null;
	ipAddress?: string | null;
	createdAt: string | Date;
}

function Dashboard() {
	const { data, refetch } = authClient.useSession();
	const [sessions, setSessions] = useState<SessionRow[]>([]);
	const signOut = useAction();
	const sessionsAction = useAction();
	const nameAction = useAction();
	const passwordAction = useAction();
	const [notice, setNotice] = useState("");

	const loadSessions = useCallback(async () => {
		const result = await authClient.listSessions();
		if (result.data) setSessions(result.data as unknown as SessionRow[]);
	}, []);
	useEffect(() => {
		void loadSessions();
	}, [loadSessions]);

	if (!data) return null;
	const current = data.session.token;

	const rename = async (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const name = String(new FormData(event.currentTarget).get("name"));
		if (await nameAction.run(() => authClient.updateUser({ name }))) {
			setNotice("Name saved.");
			refetch?.();
		}
	};
	const changePassword = async (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const form = event.currentTarget;
		const values = new FormData(form);
		const ok = await passwordAction.run(() =>
			authClient.changePassword({
				currentPassword: String(values.get("currentPassword")),
				newPassword: String(values.get("newPassword")),
				revokeOtherSessions: values.get("revokeOthers") === "on",
			}),
		);
		if (ok) {
			form.reset();
			setNotice("Password changed.");
			void loadSessions();
		}
	};

	return (
		<main className="card wide">
			<header>
				<h1>Welcome, {data.user.name}</h1>
				<button type="button" disabled={signOut.pending} onClick={() => signOut.run(() => authClient.signOut())}>
					{signOut.pending ? "Signing out…" : "Sign out"}
				</button>
			</header>
			{notice && (
				<p role="status" className="notice">
					{notice}
				</p>
			)}
			<section>
				<h2>Your account</h2>
				<dl>
					<dt>Email</dt>
					<dd data-testid="user-email">{data.user.email}</dd>
					<dt>Email verified</dt>
					<dd>{data.user.emailVerified ? "yes" : "no"}</dd>
					<dt>Session expires</dt>
					<dd>{new Date(data.session.expiresAt).toLocaleString()}</dd>
				</dl>
			</section>
			<section>
				<h2>Change name</h2>
				<form onSubmit={rename} className="inline">
					<input name="name" defaultValue={data.user.name} aria-label="Name" required />
					<button type="submit" disabled={nameAction.pending}>
						{nameAction.pending ? "Saving…" : "Save"}
					</button>
				</form>
				{nameAction.error && (
					<p role="alert" className="error">
						{nameAction.error}
					</p>
				)}
			</section>
			<section>
				<h2>Change password</h2>
				<form onSubmit={changePassword}>
					<input
						name="currentPassword"
						type="password"
						placeholder="Current password"
						aria-label="Current password"
						autoComplete="current-password"
						required
					/>
					<input
						name="newPassword"
						type="password"
						placeholder="New password"
						aria-label="New password"
						autoComplete="new-password"
						minLength={8}
						required
					/>
					<label className="check">
						<input name="revokeOthers" type="checkbox" /> Sign out my other sessions
					</label>
					<button type="submit" disabled={passwordAction.pending}>
						{passwordAction.pending ? "Changing…" : "Change password"}
					</button>
				</form>
				{passwordAction.error && (
					<p role="alert" className="error">
						{passwordAction.error}
					</p>
				)}
			</section>
			<section>
				<h2>Sessions</h2>
				<ul className="sessions">
					{sessions.map((session) => (
						<li key={session.id}>
							<span>
								{session.userAgent || "Unknown device"}
								{session.token === current && <strong> (this browser)</strong>}
							</span>
							{session.token !== current && (
								<button
									type="button"
									disabled={sessionsAction.pending}
									onClick={async () => {
										if (await sessionsAction.run(() => authClient.revokeSession({ token: session.token }))) {
											await loadSessions();
										}
									}}
								>
									Revoke
								</button>
							)}
						</li>
					))}
				</ul>
				{sessionsAction.error && (
					<p role="alert" className="error">
						{sessionsAction.error}
					</p>
				)}
			</section>
		</main>
	);
}
