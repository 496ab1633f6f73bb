export * from "./db";
export * from "./error";
export type * from "./types/models";
export type * from "./types/options";
