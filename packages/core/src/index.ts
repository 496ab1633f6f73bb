export * from "./db";
export * from "./error";
export type * from "./types/client-plugin";
export type * from "./types/context";
export type * from "./types/models";
export type * from "./types/options";
export type * from "./types/plugin";
