/**
 * `oneTapClient`: `authClient.oneTap()` shows Google One Tap. It loads Google Identity Services
 * on first use (browser only; elsewhere it does nothing), retries a dismissed or skipped prompt
 * with exponential backoff, posts the ID token to `/one-tap/callback`, then redirects to
 * `callbackURL` (default "/") unless `fetchOptions.onSuccess` handles the result.
 */
import type { BetterAuthClientPlugin, ClientFetch, ClientFetchOptions } from "@better-auth/core";
import type { oneTap } from "../../plugins/one-tap";

const GSI_SCRIPT = "https://accounts.google.com/gsi/client";

/** The part of Google's prompt notification used here. */
export interface PromptNotification {
	isDisplayMoment?(): boolean;
	isDisplayed?(): boolean;
	isNotDisplayed?(): boolean;
	isSkippedMoment?(): boolean;
	isDismissedMoment?(): boolean;
	getNotDisplayedReason?(): string;
	getSkippedReason?(): string;
	getDismissedReason?(): string;
}

/** The `google.accounts.id` API this client calls. */
export interface GoogleAccountsId {
	initialize(config: Record<string, unknown>): void;
	prompt(listener?: (notification: PromptNotification) => void): void;
}

export interface OneTapClientOptions {
	/** Your Google OAuth client id. */
	clientId: string;
	/** @default false */
	autoSelect?: boolean;
	/** @default true */
	cancelOnTapOutside?: boolean;
	/** @default "popup" */
	uxMode?: "popup" | "redirect";
	/** @default "signin" */
	context?: "signin" | "signup" | "use";
	/** Passed as-is to `google.accounts.id.initialize`. */
	additionalOptions?: Record<string, unknown>;
	promptOptions?: {
		/** @default 1000 */
		baseDelay?: number;
		/** @default 5 */
		maxAttempts?: number;
	};
	/** How the Google script is obtained (tests pass a fake). Default: a `<script>` tag, once. */
	loadGoogle?: () => Promise<GoogleAccountsId>;
}

export interface OneTapInput {
	fetchOptions?: ClientFetchOptions;
	/** Hard-redirect target after sign-in when `fetchOptions.onSuccess` is not given. @default "/" */
	callbackURL?: string;
	/** Called once the prompt was dismissed or skipped `maxAttempts` times. */
	onPromptNotification?: (notification: PromptNotification) => void;
}

let loading: Promise<GoogleAccountsId> | undefined;

/** Adds Google's script to the page once and resolves with `google.accounts.id`. */
function loadGoogleScript(): Promise<GoogleAccountsId> {
	const current = () => (globalThis as { google?: { accounts?: { id?: GoogleAccountsId } } }).google?.accounts?.id;
	const ready = current();
	if (ready) return Promise.resolve(ready);
	loading ??= new Promise<GoogleAccountsId>((resolve, reject) => {
		const script = document.createElement("script");
		script.src = GSI_SCRIPT;
		script.async = true;
		script.defer = true;
		script.onload = () => {
			const api = current();
			if (api) resolve(api);
			else reject(new Error("Google Identity Services did not load"));
		};
		script.onerror = () => {
			loading = undefined;
			reject(new Error("Could not load Google Identity Services"));
		};
		document.head.appendChild(script);
	});
	return loading;
}

async function signInWithCredential($fetch: ClientFetch, idToken: string, input: OneTapInput | undefined) {
	const result = await $fetch("/one-tap/callback", { ...input?.fetchOptions, method: "POST", body: { idToken } });
	if (!result.error && !input?.fetchOptions?.onSuccess && typeof window !== "undefined") {
		window.location.href = input?.callbackURL ?? "/";
	}
	return result;
}

export function oneTapClient(options: OneTapClientOptions) {
	const baseDelay = options.promptOptions?.baseDelay ?? 1000;
	const maxAttempts = options.promptOptions?.maxAttempts ?? 5;
	return {
		id: "one-tap",
		$InferServerPlugin: {} as ReturnType<typeof oneTap>,
		atomListeners: [{ matcher: (path) => path === "/one-tap/callback", signal: "$sessionSignal" }],
		getActions: ($fetch) => ({
			/** Shows One Tap; resolves once the user signed in or the prompt gave up. */
			oneTap: async (input?: OneTapInput): Promise<void> => {
				const load = options.loadGoogle ?? (typeof document === "undefined" ? undefined : loadGoogleScript);
				if (!load) return;
				const google = await load();
				await new Promise<void>((resolve) => {
					let attempts = 0;
					google.initialize({
						client_id: options.clientId,
						auto_select: options.autoSelect ?? false,
						cancel_on_tap_outside: options.cancelOnTapOutside ?? true,
						ux_mode: options.uxMode ?? "popup",
						context: options.context ?? "signin",
						...options.additionalOptions,
						callback: async (response: { credential?: string }) => {
							if (response.credential) await signInWithCredential($fetch, response.credential, input);
							resolve();
						},
					});
					const prompt = () =>
						google.prompt((notification) => {
							const closed =
								notification.isDismissedMoment?.() ||
								notification.isSkippedMoment?.() ||
								notification.isNotDisplayed?.();
							// A dismissal after choosing an account is the credential arriving, not a refusal.
							if (!closed || notification.getDismissedReason?.() === "credential_returned") return;
							attempts++;
							if (attempts < maxAttempts) {
								setTimeout(prompt, baseDelay * 2 ** (attempts - 1));
							} else {
								input?.onPromptNotification?.(notification);
								resolve();
							}
						});
					prompt();
				});
			},
		}),
	} satisfies BetterAuthClientPlugin;
}
