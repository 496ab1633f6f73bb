/** Options of the `expo()` server plugin. */
export interface ExpoOptions {
	/**
	 * Leave the request's Origin alone: by default, a request without an `origin` header but with
	 * an `expo-origin` header (sent by `expoClient`) gets `origin` set to it, so the origin check
	 * and trusted-origin rules apply to native apps too.
	 * @default false
	 */
	disableOriginOverride?: boolean;
	/**
	 * Replace an `origin` header that IS present with `expo-origin`. For Expo API routes on the web,
	 * where the dev server's origin is not the app's. Only turn it on if you hit origin errors:
	 * with it, any client able to send a custom header picks the origin it is judged by.
	 * @default false
	 */
	overrideOrigin?: boolean;
}
