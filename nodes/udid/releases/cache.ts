/**
 * The release cache folder. Its default lives inside n8n's user folder (`~/.n8n`, or `$N8N_USER_FOLDER/.n8n`)
 * so it survives restarts and sits on the volume n8n's Docker image persists; a shell passes n8n's own idea of
 * that folder when it has one. A full release needs ≈ 300 MB of zip; parts are streamed, never extracted, except
 * nested zips (a monthly package's daily zips, ≈ the package's size once more).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cachePaths } from './download';
import { parsePackageName } from './names';

export const CACHE_FOLDER_NAME = 'nmpa-udid-releases';

/** n8n's user folder the way n8n resolves it: `$N8N_USER_FOLDER/.n8n`, else `~/.n8n`. */
export function n8nUserFolder(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	return join(env.N8N_USER_FOLDER || home, '.n8n');
}

/** The default cache folder inside a user folder, e.g. ~/.n8n/nmpa-udid-releases. */
export function defaultCacheDir(userFolder: string = n8nUserFolder()): string {
	return join(userFolder, CACHE_FOLDER_NAME);
}

export interface CachedPackage {
	name: string;
	file: string;
	bytes: number;
}

/** Finished packages in the cache (partial downloads are not listed: they are not finished). */
export function cachedPackages(cacheDir: string): CachedPackage[] {
	if (!existsSync(cacheDir)) return [];
	return readdirSync(cacheDir)
		.filter((name) => parsePackageName(name) !== undefined && /\.zip$/i.test(name))
		.map((name) => ({ name, file: cachePaths(cacheDir, name).file, bytes: statSync(join(cacheDir, name)).size }));
}
