/** Builds the console (vite build) when dist/web is missing or older than web/ and vite.config.ts; throws when the build fails. */
export function ensureConsoleBuilt(): void;
