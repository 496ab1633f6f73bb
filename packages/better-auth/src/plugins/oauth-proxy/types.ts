export interface OAuthProxyOptions {
	/**
	 * The URL of this deployment (a preview, or localhost). Inferred from the request, then the
	 * hosting provider's variables (`VERCEL_URL`, `NETLIFY_URL`, `RENDER_URL`...), then `baseURL`.
	 */
	currentURL?: string;
	/**
	 * The deployment registered with the OAuth providers. When it is this deployment, nothing is
	 * proxied.
	 * @default process.env.BETTER_AUTH_URL
	 */
	productionURL?: string;
	/**
	 * How long the sealed state and the sealed profile stay valid, in seconds.
	 * @default 60 for the profile; the state keeps its own 10-minute expiry
	 */
	maxAge?: number;
}
