/**
 * `customSessionClient<typeof auth>()`: the client's `getSession` / `useSession` take the type
 * your `customSession` function returns. Type only.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { customSession } from "../../plugins/custom-session";

type CustomSessionPlugin = ReturnType<typeof customSession<Record<string, unknown>>>;

/** The customSession plugin among the server's plugins. */
type PluginOf<Auth> = Auth extends { options: { plugins?: infer Plugins } }
	? Plugins extends ReadonlyArray<infer Plugin>
		? Extract<Plugin, { id: "custom-session" }>
		: never
	: never;

export function customSessionClient<Auth = unknown>() {
	return {
		id: "custom-session-client",
		$InferServerPlugin: {} as [PluginOf<Auth>] extends [never] ? CustomSessionPlugin : PluginOf<Auth>,
	} satisfies BetterAuthClientPlugin;
}
