import * as z from "zod";

/**
 * A user id: a string, or a number (serial ids) taken as its string. better-auth 1.7 turns any
 * value into a string (`null` → "null") and answers 404; other types are 400 here.
 */
export const userIdSchema = z.union([z.string(), z.number()]).transform(String);
