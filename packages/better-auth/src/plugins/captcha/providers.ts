/**
 * Each provider as data: where its siteverify endpoint is, how it wants the request encoded, what
 * its fields are called, and whether it scores tokens. One shared function does the HTTP.
 */
import type { CaptchaOptions, CaptchaProvider } from "./types";

export interface ProviderSpec {
	url: string;
	/** Turnstile takes JSON; the others take a form. */
	encoding: "json" | "form";
	/** The name of the client IP field. */
	remoteIPField: string;
	/** The name of the site-key field, for providers that check it. */
	siteKeyField?: string;
	/** reCAPTCHA v3 answers a score; tokens below `minScore` fail. */
	scored?: boolean;
}

export const PROVIDERS: Record<CaptchaProvider, ProviderSpec> = {
	"cloudflare-turnstile": {
		url: "https://challenges.cloudflare.com/turnstile/v0/siteverify",
		encoding: "json",
		remoteIPField: "remoteip",
	},
	"google-recaptcha": {
		url: "https://www.google.com/recaptcha/api/siteverify",
		encoding: "form",
		remoteIPField: "remoteip",
		scored: true,
	},
	hcaptcha: {
		url: "https://api.hcaptcha.com/siteverify",
		encoding: "form",
		remoteIPField: "remoteip",
		siteKeyField: "sitekey",
	},
	captchafox: {
		url: "https://api.captchafox.com/siteverify",
		encoding: "form",
		remoteIPField: "remoteIp",
		siteKeyField: "sitekey",
	},
};

/** Why a token was not accepted: the provider said no, or could not be asked. */
export type VerifyOutcome = "ok" | "rejected" | "unavailable";

/** Asks the provider about a token. Never throws. */
export async function verifyToken(
	options: CaptchaOptions,
	token: string,
	remoteIP: string | undefined,
	log: (message: string, cause?: unknown) => void,
): Promise<VerifyOutcome> {
	const spec = PROVIDERS[options.provider];
	const fields: Record<string, string> = { secret: options.secretKey, response: token };
	if (spec.siteKeyField && options.siteKey) fields[spec.siteKeyField] = options.siteKey;
	if (remoteIP) fields[spec.remoteIPField] = remoteIP;
	let response: Response;
	try {
		response = await fetch(options.siteVerifyURLOverride ?? spec.url, {
			method: "POST",
			headers: { "content-type": spec.encoding === "json" ? "application/json" : "application/x-www-form-urlencoded" },
			body: spec.encoding === "json" ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
			signal: AbortSignal.timeout(options.timeout ?? 10_000),
		});
	} catch (error) {
		log("CAPTCHA service unreachable", error);
		return "unavailable";
	}
	if (!response.ok) {
		log(`CAPTCHA service unavailable (status ${response.status})`);
		return "unavailable";
	}
	let result: { success?: unknown; score?: unknown };
	try {
		result = (await response.json()) as typeof result;
	} catch {
		// An unreadable answer is not a success; better-auth 1.7 counts it as a failed verification.
		return "rejected";
	}
	if (result?.success !== true) return "rejected";
	if (spec.scored && typeof result.score === "number" && result.score < (options.minScore ?? 0.5)) return "rejected";
	return "ok";
}
