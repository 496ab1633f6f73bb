// A black box, used untyped.
// biome-ignore-all lint/suspicious/noExplicitAny: see above
export const apiKey: any;
export const betterAuth: any;
export const getMigrations: any;
