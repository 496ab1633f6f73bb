// better-auth 1.7.24 and its api-key plugin from one install, so the plugin runs on that copy.
export { apiKey } from "@better-auth/api-key";
export { betterAuth } from "better-auth";
export { getMigrations } from "better-auth/db/migration";
