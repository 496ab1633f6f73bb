/** Small naming helpers shared by the Prisma and Drizzle generators. */

export const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
export const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A plural good enough for relation names: session → sessions, address → addresses, policy → policies. */
export function plural(name: string): string {
	if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
	if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
	return `${name}s`;
}

/** A valid identifier from a table or column name (`rate-limit` → `rateLimit`, `2fa` → `_2fa`). */
export function identifier(name: string): string {
	const camel = name.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : ""));
	return /^[0-9]/.test(camel) || camel === "" ? `_${camel}` : camel;
}

/** The relation name a foreign-key column suggests: `userId` → `user`, `inviter_id` → `inviter`. */
export function relationNameFromColumn(column: string): string {
	const stripped = column.replace(/_?[Ii]d$/, "");
	return stripped && stripped !== column ? stripped : `${column}Relation`;
}

/** `base`, or `base2`, `base3`... whichever is not taken; the result is marked taken. */
export function unique(base: string, taken: Set<string>): string {
	let name = base;
	for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
	taken.add(name);
	return name;
}
