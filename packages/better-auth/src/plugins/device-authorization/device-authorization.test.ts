import { describe, expect, it } from "vitest";
import { createAuthClient } from "../../client";
import { deviceAuthorizationClient } from "../../client/plugins/device-authorization";
import { createClientTestServer } from "../../client/test-utils";
import { getTestInstance, TEST_BASE_URL } from "../../test";
import { deviceAuthorization } from "./index";
import type { DeviceAuthorizationOptions } from "./types";

const GRANT = "urn:ietf:params:oauth:grant-type:device_code";

async function setup(options: DeviceAuthorizationOptions = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		plugins: [deviceAuthorization(options)],
	});
	const requestCode = async (body: Record<string, unknown> = { client_id: "cli" }) => {
		const response = await instance.request("/device/code", { body });
		return (await response.json()) as { device_code: string; user_code: string };
	};
	const poll = (device_code: string, client_id = "cli") =>
		instance.request("/device/token", { body: { grant_type: GRANT, device_code, client_id } });
	const query = (sql: string) => instance.database.prepare(sql).all() as Record<string, unknown>[];
	// The polling interval, elapsed.
	const wait = () => instance.database.prepare("update deviceCode set lastPolledAt = ?").run(new Date(0).toISOString());
	const user = async (email: string) => (await instance.signUp({ email, password: "password123", name: "U" })).cookie;
	return { ...instance, requestCode, poll, query, wait, user };
}

async function expectOAuthError(response: Response, status: number, error: string, description?: string) {
	expect(response.status).toBe(status);
	const body = await response.json();
	expect(body.error).toBe(error);
	if (description) expect(body.error_description).toBe(description);
}

describe("deviceAuthorization: /device/code", () => {
	it("issues codes and stores them pending", async () => {
		const { request, query } = await setup();
		const response = await request("/device/code", { body: { client_id: "cli", scope: "openid profile" } });
		expect(response.status).toBe(200);
		expect(response.headers.get("cache-control")).toBe("no-store");
		const body = await response.json();
		expect(body).toEqual({
			device_code: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
			user_code: expect.stringMatching(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/),
			verification_uri: `${TEST_BASE_URL}/device`,
			verification_uri_complete: `${TEST_BASE_URL}/device?user_code=${body.user_code}`,
			expires_in: 1800,
			interval: 5,
		});
		const [row] = query("select * from deviceCode");
		expect(row).toMatchObject({
			deviceCode: body.device_code,
			userCode: body.user_code,
			status: "pending",
			pollingInterval: 5000,
			clientId: "cli",
			scope: "openid profile",
			userId: null,
		});
	});

	it("applies the options", async () => {
		const seen: unknown[] = [];
		const { request } = await setup({
			expiresIn: "1m",
			interval: "10s",
			generateDeviceCode: () => "device-123",
			generateUserCode: () => "ABCD-EFGH",
			validateClient: (id) => id === "cli",
			onDeviceAuthRequest: (id, scope) => {
				seen.push([id, scope]);
			},
		});
		const body = await (await request("/device/code", { body: { client_id: "cli", scope: "s" } })).json();
		expect(body).toMatchObject({ device_code: "device-123", user_code: "ABCD-EFGH", expires_in: 60, interval: 10 });
		expect(seen).toEqual([["cli", "s"]]);
		await expectOAuthError(
			await request("/device/code", { body: { client_id: "other" } }),
			400,
			"invalid_client",
			"Invalid client ID",
		);
		expect(seen).toHaveLength(1);
	});

	it("accepts a form-encoded request, as RFC 8628 devices send it", async () => {
		const { auth } = await setup();
		const response = await auth.handler(
			new Request(`${TEST_BASE_URL}/api/auth/device/code`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: "client_id=cli&scope=a",
			}),
		);
		expect(response.status).toBe(200);
	});

	it("answers bad input with invalid_request", async () => {
		const { request } = await setup();
		await expectOAuthError(await request("/device/code", { body: {} }), 400, "invalid_request");
		await expectOAuthError(await request("/device/code", { body: { client_id: 5 } }), 400, "invalid_request");
		await expectOAuthError(
			await request("/device/code", { body: { client_id: "c", scope: [] } }),
			400,
			"invalid_request",
		);
	});

	it("refuses bad durations at start-up", () => {
		expect(() => deviceAuthorization({ interval: "abc" })).toThrow(/interval/);
		expect(() => deviceAuthorization({ expiresIn: "-5m" })).toThrow(/expiresIn/);
	});
});

describe("deviceAuthorization: the flow", () => {
	it("approves: pending, slow_down, then a session token, once", async () => {
		const { requestCode, poll, wait, user, request, query } = await setup();
		const { device_code, user_code } = await requestCode();
		await expectOAuthError(await poll(device_code), 400, "authorization_pending", "Authorization pending");
		const tooSoon = await poll(device_code);
		await expectOAuthError(tooSoon, 400, "slow_down", "Polling too frequently");
		expect(tooSoon.headers.get("cache-control")).toBe("no-store");

		const cookie = await user("a@x.com");
		const shown = await request(`/device?user_code=${user_code.toLowerCase()}`, { cookie });
		expect(await shown.json()).toEqual({
			user_code: user_code.toLowerCase(),
			status: "pending",
			client_id: "cli",
			scope: null,
		});
		const approved = await request("/device/approve", {
			body: { userCode: `${user_code.slice(0, 4)}-${user_code.slice(4)}` },
			cookie,
		});
		expect(approved.status).toBe(200);
		expect(await approved.json()).toEqual({ success: true });

		await wait();
		const token = await poll(device_code);
		expect(token.status).toBe(200);
		expect(token.headers.get("cache-control")).toBe("no-store");
		expect(token.headers.get("pragma")).toBe("no-cache");
		const body = await token.json();
		expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 604800, scope: "" });
		expect(query("select token from session").map((row) => row.token)).toContain(body.access_token);
		expect(query("select * from deviceCode")).toEqual([]);
		await expectOAuthError(await poll(device_code), 400, "invalid_grant", "Invalid device code");
	});

	it("denies: access_denied once, then the code is gone", async () => {
		const { requestCode, poll, user, request, wait } = await setup();
		const { device_code, user_code } = await requestCode({ client_id: "cli", scope: "read" });
		const cookie = await user("a@x.com");
		await request(`/device?user_code=${user_code}`, { cookie });
		expect((await request("/device/deny", { body: { userCode: user_code }, cookie })).status).toBe(200);
		expect(await (await request(`/device?user_code=${user_code}`, { cookie })).json()).toEqual({
			user_code,
			status: "denied",
			client_id: "cli",
			scope: "read",
		});
		await expectOAuthError(await poll(device_code), 400, "access_denied", "Access denied");
		await wait();
		await expectOAuthError(await poll(device_code), 400, "invalid_grant");
	});

	it("only lets the user who claimed a code answer it", async () => {
		const { requestCode, user, request } = await setup();
		const { user_code } = await requestCode();
		const alice = await user("a@x.com");
		const bob = await user("b@x.com");
		await expectOAuthError(
			await request("/device/approve", { body: { userCode: user_code }, cookie: alice }),
			400,
			"invalid_request",
			"Device code has not been claimed by a verifying session; call `GET /device` with the `user_code` while signed in before approving or denying",
		);
		// Anonymous look-ups do not claim.
		expect(await (await request(`/device?user_code=${user_code}`)).json()).toEqual({ user_code, status: "pending" });
		await request(`/device?user_code=${user_code}`, { cookie: alice });
		expect(await (await request(`/device?user_code=${user_code}`, { cookie: bob })).json()).toEqual({
			user_code,
			status: "pending",
		});
		await expectOAuthError(
			await request("/device/approve", { body: { userCode: user_code }, cookie: bob }),
			403,
			"access_denied",
			"You are not authorized to approve this device authorization",
		);
		await expectOAuthError(
			await request("/device/deny", { body: { userCode: user_code }, cookie: bob }),
			403,
			"access_denied",
		);
		expect((await request("/device/approve", { body: { userCode: user_code }, cookie: alice })).status).toBe(200);
		await expectOAuthError(
			await request("/device/deny", { body: { userCode: user_code }, cookie: alice }),
			400,
			"invalid_request",
			"Device code already processed",
		);
	});

	it("expires codes", async () => {
		const { requestCode, poll, user, request, database, query } = await setup();
		const { device_code, user_code } = await requestCode();
		const cookie = await user("a@x.com");
		database.prepare("update deviceCode set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		await expectOAuthError(
			await request(`/device?user_code=${user_code}`, { cookie }),
			400,
			"expired_token",
			"User code has expired",
		);
		await expectOAuthError(
			await request("/device/approve", { body: { userCode: user_code }, cookie }),
			400,
			"expired_token",
		);
		await expectOAuthError(await poll(device_code), 400, "expired_token", "Device code has expired");
		expect(query("select * from deviceCode")).toEqual([]);
	});
});

describe("deviceAuthorization: errors", () => {
	it("checks the token request", async () => {
		const { requestCode, poll, request } = await setup({ validateClient: (id) => id !== "banned" });
		const { device_code } = await requestCode();
		await expectOAuthError(await poll("nope"), 400, "invalid_grant", "Invalid device code");
		await expectOAuthError(await poll(device_code, "other"), 400, "invalid_grant", "Client ID mismatch");
		await expectOAuthError(await poll(device_code, "banned"), 400, "invalid_client");
		for (const body of [
			{},
			{ grant_type: "password", device_code, client_id: "cli" },
			{ grant_type: GRANT, device_code: 5, client_id: "cli" },
		]) {
			const response = await request("/device/token", { body });
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ code: "VALIDATION_ERROR" });
		}
	});

	it("checks the user's side", async () => {
		const { request, user } = await setup();
		await expectOAuthError(await request("/device?user_code=NOPE1234"), 400, "invalid_request", "Invalid user code");
		expect((await request("/device")).status).toBe(400);
		await expectOAuthError(
			await request("/device/approve", { body: { userCode: "X" } }),
			401,
			"unauthorized",
			"Authentication required",
		);
		const cookie = await user("a@x.com");
		await expectOAuthError(
			await request("/device/approve", { body: { userCode: "NOPE1234" }, cookie }),
			400,
			"invalid_request",
		);
		const missing = await request("/device/approve", { body: {}, cookie });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ code: "VALIDATION_ERROR" });
		const foreign = await request("/device/deny", {
			body: { userCode: "X" },
			cookie,
			headers: { origin: "https://evil.example" },
		});
		expect(foreign.status).toBe(403);
	});
});

describe("deviceAuthorizationClient", () => {
	it("runs the flow through the client", async () => {
		const server = await createClientTestServer({
			emailAndPassword: { enabled: true },
			plugins: [deviceAuthorization()],
		});
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [deviceAuthorizationClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		const device = await client.device.code({ client_id: "cli" });
		expect(device.data?.user_code).toHaveLength(8);
		const pending = await client.device.token({
			grant_type: GRANT,
			device_code: device.data?.device_code ?? "",
			client_id: "cli",
		});
		expect(pending.error?.status).toBe(400);
		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });
		const shown = await client.device({ query: { user_code: device.data?.user_code ?? "" } });
		expect(shown.data).toMatchObject({ status: "pending", client_id: "cli" });
		expect((await client.device.approve({ userCode: device.data?.user_code ?? "" })).data).toEqual({ success: true });
	});
});
