import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { createAuthClient } from "../../client";
import { passkeyClient } from "../../client/plugins/passkey";
import { createClientTestServer } from "../../client/test-utils";
import { passkey } from "./index";
import { createAuthenticator } from "./test-authenticator";
import type { Passkey } from "./types";

// The browser half: node has no navigator.credentials, so the ceremony is played by the software
// authenticator; the rest of @simplewebauthn/browser (WebAuthnError) stays real.
const device = vi.hoisted(() => ({
	current: null as null | ReturnType<typeof import("./test-authenticator").createAuthenticator>,
	cancel: false,
	calls: [] as unknown[],
}));
vi.mock("@simplewebauthn/browser", async (importOriginal) => {
	const real = await importOriginal<typeof import("@simplewebauthn/browser")>();
	const abort = () =>
		new real.WebAuthnError({ message: "aborted", code: "ERROR_CEREMONY_ABORTED", cause: new Error("AbortError") });
	return {
		...real,
		startRegistration: async (input: { optionsJSON: never; useAutoRegister?: boolean }) => {
			device.calls.push(input);
			if (device.cancel) throw abort();
			return device.current?.register(input.optionsJSON);
		},
		startAuthentication: async (input: { optionsJSON: never; useBrowserAutofill?: boolean }) => {
			device.calls.push(input);
			if (device.cancel) throw abort();
			return device.current?.authenticate(input.optionsJSON);
		},
	};
});

async function setup() {
	const server = await createClientTestServer({ plugins: [passkey()] });
	const client = createAuthClient({
		baseURL: server.baseURL,
		plugins: [passkeyClient()],
		fetchOptions: { customFetchImpl: server.customFetchImpl },
	});
	device.current = createAuthenticator();
	device.cancel = false;
	device.calls = [];
	return { server, client };
}

describe("passkeyClient", () => {
	it("adds a passkey, lists, renames and deletes it, and keeps useListPasskeys current", async () => {
		const { client, server } = await setup();
		expectTypeOf(client.passkey.addPasskey).toBeFunction();
		expectTypeOf(client.passkey.listUserPasskeys).toBeFunction();
		expectTypeOf<typeof client.$Infer.Passkey>().toEqualTypeOf<Passkey>();
		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });

		const added = await client.passkey.addPasskey({ name: "Laptop", authenticatorAttachment: "platform" });
		expect(added.error).toBeNull();
		expect(added.data).toMatchObject({ name: "Laptop", credentialID: device.current?.id });
		expect(server.requests.find((r) => r.path === "/passkey/generate-register-options")?.method).toBe("GET");

		const listed = await client.passkey.listUserPasskeys();
		expect(listed.data).toHaveLength(1);
		const id = listed.data?.[0]?.id as string;

		// The atom: fetched by its first subscriber, refetched after each change.
		// In the vanilla client `useListPasskeys` is the atom itself (framework bindings wrap it).
		const atom = client.useListPasskeys;
		expectTypeOf(atom.get().data).toEqualTypeOf<Passkey[] | null>();
		const stop = atom.subscribe(() => {});
		await vi.waitFor(() => expect(atom.get().data).toHaveLength(1));
		const renamed = await client.passkey.updatePasskey({ id, name: "Work laptop" });
		expect(renamed.data?.passkey.name).toBe("Work laptop");
		await vi.waitFor(() => expect(atom.get().data?.[0]?.name).toBe("Work laptop"));
		const deleted = await client.passkey.deletePasskey({ id });
		expect(deleted.error).toBeNull();
		await vi.waitFor(() => expect(atom.get().data).toEqual([]));
		stop();

		const missing = await client.passkey.deletePasskey({ id });
		expect(missing.error).toMatchObject({ status: 404, code: "PASSKEY_NOT_FOUND" });
	});

	it("signs in with a passkey and refreshes the session", async () => {
		const { client } = await setup();
		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });
		expect((await client.passkey.addPasskey()).error).toBeNull();
		await client.signOut();
		expect((await client.getSession()).data).toBeNull();

		const signedIn = await client.signIn.passkey({ autoFill: true });
		expect(signedIn.error).toBeNull();
		expect(signedIn.data?.session).toMatchObject({ token: expect.any(String) });
		expect(device.calls.at(-1)).toMatchObject({ useBrowserAutofill: true });
		expect((await client.getSession()).data?.user.email).toBe("a@x.com");
	});

	it("reports a cancelled ceremony and server errors as errors", async () => {
		const { client } = await setup();
		const unauthenticated = await client.passkey.addPasskey();
		expect(unauthenticated.error).toMatchObject({ status: 401 });
		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });
		device.cancel = true;
		const cancelled = await client.passkey.addPasskey();
		expect(cancelled.error).toMatchObject({ status: 400, code: "ERROR_CEREMONY_ABORTED" });
		const cancelledSignIn = await client.signIn.passkey();
		expect(cancelledSignIn.error).toMatchObject({ status: 400, code: "ERROR_CEREMONY_ABORTED" });
		device.cancel = false;
		// An authenticator the server never saw.
		const unknown = await client.signIn.passkey();
		expect(unknown.error).toMatchObject({ status: 401, code: "PASSKEY_NOT_FOUND" });
	});
});
