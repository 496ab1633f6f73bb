#!/usr/bin/env node
/** The `better-auth` bin (`npx @better-auth/cli <command>`). */
import { run } from "./cli";

const code = await run(process.argv);
// Exit explicitly (the app's config may hold database pools open), once piped output is flushed.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
