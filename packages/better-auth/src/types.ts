/** `better-auth/types`: the public types, for libraries that only need them. */
export type * from "@better-auth/core";
export type { ApiCall, ApiCallInput, Auth } from "./auth";
export type { InferAdditionalFields, InferSession, InferTypes, InferUser } from "./infer";
