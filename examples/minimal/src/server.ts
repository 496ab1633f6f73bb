/** `pnpm start`: the example on http://localhost:3000 with ./data/example.db. */
import { fileURLToPath } from "node:url";
import { createApp, developmentSecret } from "./app";

const port = Number(process.env.PORT ?? 3000);
const dataDir = fileURLToPath(new URL("../data/", import.meta.url));
const baseURL = process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`;

const app = await createApp({
	databaseFile: `${dataDir}example.db`,
	secret: developmentSecret(`${dataDir}.secret`),
	baseURL,
});
app.server.listen(port, () => {
	console.log(`Better Auth example listening on ${baseURL} (try ${baseURL}/api/auth/ok)`);
});
