export * from "./adapter";
export * from "./field";
export * from "./schema";
export type * from "./secondary-storage";
