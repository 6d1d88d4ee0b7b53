/** The TLS switches reach the download and the feed: a self-signed site fails by default and works when allowed. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { downloadPackage, listPackages, UdidReleaseError } from '../../nodes/udid/releases';
import { startReleaseSite, type ReleaseSite } from '../simulator/releases';

let site: ReleaseSite;
let dir: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'udid-releases-tls-'));
	const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
	const subject = ['-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert];
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', ...subject], { stdio: 'ignore' });
	const now = new Date('2026-11-18T04:00:00Z');
	site = await startReleaseSite({
		perDay: 10,
		dailyCount: 1,
		tls: { key: readFileSync(key), cert: readFileSync(cert) },
		now: () => now,
	});
});
afterAll(async () => {
	await site.close();
	await closeSharedDispatchers();
	rmSync(dir, { recursive: true, force: true });
});

it('rejects the self-signed site by default with a network error, and downloads with ignoreCertificate', async () => {
	await expect(listPackages({ baseUrl: site.url, kinds: ['daily'] })).rejects.toMatchObject({ failure: 'network' });
	const [daily] = await listPackages({ baseUrl: site.url, kinds: ['daily'], http: { ignoreCertificate: true } });
	const cacheDir = join(dir, 'cache');
	const refused = await downloadPackage(daily, { cacheDir, retries: 0 }).catch((e: unknown) => e);
	expect(refused).toBeInstanceOf(UdidReleaseError);
	expect((refused as Error).message).toMatch(/download failed \((?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED)/);
	const done = await downloadPackage(daily, {
		cacheDir,
		retries: 0,
		http: { ignoreCertificate: true, legacyTls: true },
	});
	expect(done.fromCache).toBe(false);
	expect(readdirSync(cacheDir)).toEqual([daily.name]);
});
