export * from "./field";
export * from "./schema";
export type * from "./secondary-storage";
export type * from "./adapter/types";
