/**
 * A small OAuth2 / OpenID Connect server on 127.0.0.1 for tests: discovery, authorize (consents
 * at once for the configured user and redirects back), token (authorization_code with PKCE and
 * single-use codes, refresh_token, client_credentials; client_secret_post or basic), userinfo,
 * and JWKS with a real RS256 key. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export interface FakeUser {
	sub: string;
	email?: string | null;
	email_verified?: boolean;
	name?: string;
	picture?: string;
	[claim: string]: unknown;
}

export interface FakeOAuthServer {
	url: string;
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** Who "signs in" at the next authorize request. */
	user: FakeUser;
	requests: Array<{ method: string; path: string; headers: Record<string, string>; body: string }>;
	/** Access tokens issued so far → the user they belong to. */
	accessTokens: Map<string, FakeUser>;
	/** Makes the token endpoint answer with this OAuth error until cleared. */
	tokenError: { error: string; error_description?: string } | null;
	signIdToken: (
		claims: Record<string, unknown>,
		options?: { audience?: string; expiresIn?: string },
	) => Promise<string>;
	/** A token signed by a key the JWKS does not publish. */
	signWithForeignKey: (claims: Record<string, unknown>) => Promise<string>;
	close: () => Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

async function sha256Base64Url(text: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
	return Buffer.from(digest).toString("base64url");
}

export interface FakeOAuthServerOptions {
	clientId?: string;
	clientSecret?: string;
	user?: FakeUser;
	expiresIn?: number;
	/** A real provider's paths → this server's (`/login/oauth/access_token` → `/token`). */
	aliases?: Record<string, "/authorize" | "/token" | "/userinfo" | "/jwks">;
	/** Extra JSON resources, computed from the signed-in user (`/user/emails` for GitHub). */
	resources?: Record<string, (user: FakeUser) => unknown>;
}

export async function startFakeOAuthServer(options: FakeOAuthServerOptions = {}): Promise<FakeOAuthServer> {
	const { privateKey, publicKey } = await generateKeyPair("RS256");
	const foreign = await generateKeyPair("RS256");
	const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
	const codes = new Map<
		string,
		{ user: FakeUser; clientId: string; redirectURI: string; challenge?: string; nonce?: string; scope: string }
	>();
	const refreshTokens = new Map<string, FakeUser>();
	let counter = 0;
	const next = (prefix: string) => `${prefix}_${++counter}_${Math.random().toString(36).slice(2, 10)}`;

	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const fake: FakeOAuthServer = {
		url,
		issuer: url,
		clientId: options.clientId ?? "test-client",
		clientSecret: options.clientSecret ?? "test-secret",
		user: options.user ?? { sub: "user-1", email: "oauth@example.com", email_verified: true, name: "OAuth User" },
		requests: [],
		accessTokens: new Map(),
		tokenError: null,
		signIdToken: async (claims, signOptions = {}) =>
			new SignJWT(claims)
				.setProtectedHeader({ alg: "RS256", kid: "test-key" })
				.setIssuer(url)
				.setAudience(signOptions.audience ?? fake.clientId)
				.setIssuedAt()
				.setExpirationTime(signOptions.expiresIn ?? "1h")
				.sign(privateKey),
		signWithForeignKey: async (claims) =>
			new SignJWT(claims)
				.setProtectedHeader({ alg: "RS256", kid: "test-key" })
				.setIssuer(url)
				.setAudience(fake.clientId)
				.setIssuedAt()
				.setExpirationTime("1h")
				.sign(foreign.privateKey),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};

	const json = (response: import("node:http").ServerResponse, status: number, body: unknown) => {
		response.writeHead(status, { "content-type": "application/json" });
		response.end(JSON.stringify(body));
	};

	const issueTokens = async (user: FakeUser, scope: string, nonce?: string) => {
		const accessToken = next("access");
		const refreshToken = next("refresh");
		fake.accessTokens.set(accessToken, user);
		refreshTokens.set(refreshToken, user);
		return {
			access_token: accessToken,
			token_type: "Bearer",
			expires_in: options.expiresIn ?? 3600,
			refresh_token: refreshToken,
			scope,
			id_token: await fake.signIdToken({ ...user, ...(nonce ? { nonce } : {}) }),
		};
	};

	server.on("request", async (request, response) => {
		const body = await readBody(request);
		const target = new URL(request.url ?? "/", url);
		fake.requests.push({
			method: request.method ?? "GET",
			path: target.pathname + target.search,
			headers: request.headers as Record<string, string>,
			body,
		});
		const resource = options.resources?.[target.pathname];
		if (resource) {
			const token = request.headers.authorization?.replace(/^Bearer /i, "") ?? "";
			const user = fake.accessTokens.get(token);
			if (!user) return json(response, 401, { error: "invalid_token" });
			return json(response, 200, resource(user));
		}
		switch (options.aliases?.[target.pathname] ?? target.pathname) {
			case "/.well-known/openid-configuration":
				return json(response, 200, {
					issuer: url,
					authorization_endpoint: `${url}/authorize`,
					token_endpoint: `${url}/token`,
					userinfo_endpoint: `${url}/userinfo`,
					jwks_uri: `${url}/jwks`,
					response_types_supported: ["code"],
					code_challenge_methods_supported: ["S256"],
				});
			case "/jwks":
				return json(response, 200, { keys: [jwk] });
			case "/authorize": {
				const params = target.searchParams;
				const redirectURI = params.get("redirect_uri") ?? "";
				const code = next("code");
				codes.set(code, {
					user: { ...fake.user },
					clientId: params.get("client_id") ?? "",
					redirectURI,
					challenge: params.get("code_challenge") ?? undefined,
					nonce: params.get("nonce") ?? undefined,
					scope: params.get("scope") ?? "",
				});
				const back = new URL(redirectURI);
				back.searchParams.set("code", code);
				if (params.get("state")) back.searchParams.set("state", params.get("state") as string);
				response.writeHead(302, { location: back.toString() });
				return response.end();
			}
			case "/token": {
				const form = new URLSearchParams(body);
				let clientId = form.get("client_id");
				let clientSecret = form.get("client_secret");
				const basic = request.headers.authorization;
				if (basic?.startsWith("Basic ")) {
					const [id, secret] = Buffer.from(basic.slice(6), "base64").toString().split(":");
					clientId = decodeURIComponent(id);
					clientSecret = decodeURIComponent(secret ?? "");
				}
				if (clientId !== fake.clientId || clientSecret !== fake.clientSecret) {
					return json(response, 401, { error: "invalid_client", error_description: "bad client credentials" });
				}
				if (fake.tokenError) return json(response, 400, fake.tokenError);
				const grant = form.get("grant_type");
				if (grant === "authorization_code") {
					const code = form.get("code") ?? "";
					const issued = codes.get(code);
					// Single use: the first redemption deletes it.
					codes.delete(code);
					if (!issued || issued.redirectURI !== form.get("redirect_uri")) {
						return json(response, 400, { error: "invalid_grant", error_description: "unknown or used code" });
					}
					if (issued.challenge) {
						const verifier = form.get("code_verifier") ?? "";
						if ((await sha256Base64Url(verifier)) !== issued.challenge) {
							return json(response, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
						}
					}
					return json(response, 200, await issueTokens(issued.user, issued.scope, issued.nonce));
				}
				if (grant === "refresh_token") {
					const user = refreshTokens.get(form.get("refresh_token") ?? "");
					if (!user) return json(response, 400, { error: "invalid_grant", error_description: "unknown refresh token" });
					refreshTokens.delete(form.get("refresh_token") ?? "");
					return json(response, 200, await issueTokens(user, "openid email profile"));
				}
				if (grant === "client_credentials") {
					const accessToken = next("access");
					return json(response, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 3600 });
				}
				return json(response, 400, { error: "unsupported_grant_type" });
			}
			case "/userinfo": {
				const token = request.headers.authorization?.replace(/^Bearer /i, "") ?? "";
				const user = fake.accessTokens.get(token);
				if (!user) return json(response, 401, { error: "invalid_token" });
				return json(response, 200, user);
			}
			default:
				return json(response, 404, { error: "not_found" });
		}
	});
	return fake;
}

/**
 * Sends `fetch` calls for the given hosts to a local server instead (same path and query), so a
 * built-in provider runs its real endpoints against a fake. Returns the function that undoes it.
 */
export function redirectHosts(hosts: string[], target: string): () => void {
	const original = globalThis.fetch;
	globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
		const url = new URL(input instanceof Request ? input.url : String(input));
		if (!hosts.includes(url.host)) return original(input, init);
		const local = new URL(`${url.pathname}${url.search}`, target);
		return input instanceof Request ? original(new Request(local, input), init) : original(local, init);
	}) as typeof fetch;
	return () => {
		globalThis.fetch = original;
	};
}
