/** `@better-auth/core/social-providers`: every built-in social provider, one file each. */
import { apple } from "./apple";
import { atlassian } from "./atlassian";
import { cognito } from "./cognito";
import { discord } from "./discord";
import { dropbox } from "./dropbox";
import { facebook } from "./facebook";
import { figma } from "./figma";
import { github } from "./github";
import { gitlab } from "./gitlab";
import { google } from "./google";
import { huggingface } from "./huggingface";
import { kakao } from "./kakao";
import { kick } from "./kick";
import { line } from "./line";
import { linear } from "./linear";
import { linkedin } from "./linkedin";
import { microsoft } from "./microsoft";
import { naver } from "./naver";
import { notion } from "./notion";
import { paypal } from "./paypal";
import { polar } from "./polar";
import { reddit } from "./reddit";
import { roblox } from "./roblox";
import { salesforce } from "./salesforce";
import { slack } from "./slack";
import { spotify } from "./spotify";
import { tiktok } from "./tiktok";
import { twitch } from "./twitch";
import { twitter } from "./twitter";
import { vk } from "./vk";
import { zoom } from "./zoom";

export * from "./apple";
export * from "./atlassian";
export * from "./cognito";
export * from "./discord";
export * from "./dropbox";
export * from "./facebook";
export * from "./figma";
export * from "./github";
export * from "./gitlab";
export * from "./google";
export * from "./huggingface";
export * from "./kakao";
export * from "./kick";
export * from "./line";
export * from "./linear";
export * from "./linkedin";
export * from "./microsoft";
export * from "./naver";
export * from "./notion";
export * from "./paypal";
export * from "./polar";
export * from "./reddit";
export * from "./roblox";
export * from "./salesforce";
export * from "./slack";
export * from "./spotify";
export * from "./tiktok";
export * from "./twitch";
export * from "./twitter";
export * from "./vk";
export * from "./zoom";

/** The built-in providers by id; `socialProviders` options are keyed the same way. */
export const socialProviders = {
	apple,
	atlassian,
	cognito,
	discord,
	dropbox,
	facebook,
	figma,
	github,
	gitlab,
	google,
	huggingface,
	kakao,
	kick,
	line,
	linear,
	linkedin,
	microsoft,
	naver,
	notion,
	paypal,
	polar,
	reddit,
	roblox,
	salesforce,
	slack,
	spotify,
	tiktok,
	twitch,
	twitter,
	vk,
	zoom,
};

/** Every built-in provider id. */
export const socialProviderList = Object.keys(socialProviders) as [
	keyof typeof socialProviders,
	...(keyof typeof socialProviders)[],
];

/** The built-in provider ids, as a tuple type. */
export type SocialProviderList = typeof socialProviderList;

/** A built-in provider's id. */
export type SocialProviderListEnum = keyof typeof socialProviders | (string & {});

/** The `socialProviders` option: each provider's options, plus `enabled` to switch one off. */
export type SocialProviders = {
	[K in keyof typeof socialProviders]?: Parameters<(typeof socialProviders)[K]>[0] & { enabled?: boolean };
};
