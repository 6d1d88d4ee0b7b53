/**
 * Zip access through yauzl: the central directory (so parts are listed with sizes before anything is inflated and
 * a truncated archive is caught at once) and one entry at a time as a stream whose CRC-32 and size are checked
 * as it is read (yauzl itself does not check the CRC).
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { UdidReleaseError } from './errors';

export interface ZipEntryInfo {
	name: string;
	compressedSize: number;
	uncompressedSize: number;
	crc32: number;
	/** yauzl's entry, for openEntryStream. */
	raw: yauzl.Entry;
}

export interface OpenZip {
	file: string;
	entries: ZipEntryInfo[];
	close(): void;
	openEntryStream(entry: ZipEntryInfo): Promise<Readable>;
}

const INFLATE_CHUNK = 256 * 1024;

function zipError(file: string, error: unknown): UdidReleaseError {
	const why = error instanceof Error ? error.message : String(error);
	return new UdidReleaseError('zip', `${file} is not a readable zip (truncated or corrupted download?): ${why}`, { cause: error });
}

/** Opens a zip and reads its whole central directory; any damage there is a clear 'zip' error. */
export function openZip(file: string): Promise<OpenZip> {
	return new Promise((resolve, reject) => {
		yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true }, (error, zip) => {
			if (error || !zip) return reject(zipError(file, error));
			const entries: ZipEntryInfo[] = [];
			zip.on('error', (e: unknown) => {
				zip.close();
				reject(zipError(file, e));
			});
			zip.on('entry', (entry: yauzl.Entry) => {
				if (!entry.fileName.endsWith('/')) {
					entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, crc32: entry.crc32, raw: entry });
				}
				zip.readEntry();
			});
			zip.on('end', () => resolve({ file, entries, close: () => zip.close(), openEntryStream: (e) => entryStream(zip, file, e) }));
			zip.readEntry();
		});
	});
}

function entryStream(zip: yauzl.ZipFile, file: string, entry: ZipEntryInfo): Promise<Readable> {
	return new Promise((resolve, reject) => {
		// raw bytes + our own inflater: larger output chunks than yauzl's default cost less per byte
		const method = entry.raw.compressionMethod;
		if (method !== 0 && method !== 8) {
			return reject(new UdidReleaseError('zip', `${file}: entry ${entry.name} uses compression method ${method}; only stored (0) and deflate (8) are supported`));
		}
		zip.openReadStream(entry.raw, method === 8 ? { decompress: false } : {}, (error, raw) => {
			if (error || !raw) return reject(zipError(file, error));
			const check = new CrcCheck(file, entry);
			const inflated = method === 8 ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
			const forward = (e: Error) => check.destroy(e instanceof UdidReleaseError ? e : zipError(`${file} (${entry.name})`, e));
			raw.on('error', forward);
			if (inflated !== raw) inflated.on('error', forward);
			resolve(inflated.pipe(check));
		});
	});
}

/** Passes bytes through, and fails at the end when their CRC-32 or count differ from the directory's. */
class CrcCheck extends Transform {
	private crc = 0;
	private bytes = 0;

	constructor(
		private readonly file: string,
		private readonly entry: ZipEntryInfo,
	) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
		this.crc = crc32(chunk, this.crc);
		this.bytes += chunk.length;
		done(null, chunk);
	}

	override _flush(done: TransformCallback): void {
		const where = `${this.file} (${this.entry.name})`;
		if (this.bytes !== this.entry.uncompressedSize) {
			return done(new UdidReleaseError('crc', `${where}: inflated to ${this.bytes} bytes, the zip directory says ${this.entry.uncompressedSize}`));
		}
		if (this.crc >>> 0 !== this.entry.crc32 >>> 0) {
			return done(new UdidReleaseError('crc', `${where}: CRC-32 mismatch (corrupted download); delete the file from the cache and download it again`));
		}
		done();
	}
}

/** Reads the central directory and closes: the integrity check a finished download must pass. */
export async function verifyZipDirectory(file: string): Promise<number> {
	const zip = await openZip(file);
	zip.close();
	if (zip.entries.length === 0) throw new UdidReleaseError('zip', `${file} is a zip without entries`);
	return zip.entries.length;
}
