/**
 * Zip access through yauzl: the central directory (so parts are listed with sizes before anything is inflated and
 * a truncated archive is caught at once) and one entry at a time as a stream whose CRC-32 and size are checked
 * as it is read (yauzl itself does not check the CRC). The entry's bytes are read with a plain file stream
 * after its local header: ~0.5 µs a record less than yauzl's reader end to end (measured, 50,000-record part).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { UdidReleaseError } from './errors';

/** What reading one entry needs, taken from the central directory: enough to read it later without it. */
export interface ZipEntryInfo {
	name: string;
	compressedSize: number;
	uncompressedSize: number;
	crc32: number;
	/** Where the entry's local header starts. */
	offset: number;
	/** 0 stored, 8 deflated (others are refused when read). */
	method: number;
	encrypted: boolean;
}

export interface OpenZip {
	file: string;
	entries: ZipEntryInfo[];
	close(): void;
	openEntryStream(entry: ZipEntryInfo): Promise<Readable>;
}

/**
 * Piece sizes, measured end to end (zip on disk to flat items): inflating into pieces of 256 KiB or 1 MiB is
 * cheaper by itself but the parse of text that size ran slower (it leaves the CPU's cache); reading 1 MiB of
 * compressed bytes at a time let the inflater run ahead of the parser and cost ~1 µs a record more than 32 KiB.
 */
const INFLATE_CHUNK = 65536;
const READ_CHUNK = 1 << 15;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

function zipError(file: string, error: unknown): UdidReleaseError {
	const why = error instanceof Error ? error.message : String(error);
	const message = `${file} is not a readable zip (truncated or corrupted download?): ${why}`;
	return new UdidReleaseError('zip', message, { cause: error });
}

/** Opens a zip and reads its whole central directory; any damage there is a clear 'zip' error. */
export function openZip(file: string): Promise<OpenZip> {
	return new Promise((resolve, reject) => {
		const options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true };
		yauzl.open(file, options, (error, zip) => {
			if (error || !zip) return reject(zipError(file, error));
			const entries: ZipEntryInfo[] = [];
			zip.on('error', (e: unknown) => {
				zip.close();
				reject(zipError(file, e));
			});
			zip.on('entry', (entry: yauzl.Entry) => {
				if (!entry.fileName.endsWith('/')) {
					const { fileName: name, compressedSize, uncompressedSize, crc32: crc } = entry;
					entries.push({
						name,
						compressedSize,
						uncompressedSize,
						crc32: crc,
						offset: entry.relativeOffsetOfLocalHeader,
						method: entry.compressionMethod,
						encrypted: (entry.generalPurposeBitFlag & 1) !== 0,
					});
				}
				zip.readEntry();
			});
			const openEntryStream = (e: ZipEntryInfo) => openEntryAt(file, e);
			zip.on('end', () => resolve({ file, entries, close: () => zip.close(), openEntryStream }));
			zip.readEntry();
		});
	});
}

/**
 * Streams one entry of the zip `file`, inflated, CRC and size checked at the end. The central directory is not
 * read again: `entry` comes from an earlier listing (a package's directory can list a thousand parts, and
 * re-reading it for each part cost ~2 µs a record over a 200-part package, measured). The local header must
 * still be there and name the same entry, so a file replaced since the listing is not misread.
 */
export async function openEntryAt(file: string, entry: ZipEntryInfo): Promise<Readable> {
	const method = entry.method;
	if (method !== 0 && method !== 8) {
		const message = `${file}: entry ${entry.name} uses compression method ${method} (only 0 and 8 work)`;
		throw new UdidReleaseError('zip', message);
	}
	if (entry.encrypted) throw new UdidReleaseError('zip', `${file}: entry ${entry.name} is encrypted`);
	const start = await dataStart(file, entry);
	const raw =
		entry.compressedSize === 0
			? Readable.from([])
			: createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: READ_CHUNK });
	const check = new CrcCheck(file, entry);
	const inflated = method === 8 ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
	const forward = (e: Error) =>
		check.destroy(e instanceof UdidReleaseError ? e : zipError(`${file} (${entry.name})`, e));
	raw.on('error', forward);
	if (inflated !== raw) inflated.on('error', forward);
	// a reader that stops early (a Limit) destroys `check`: the streams behind it must go too, or a file
	// descriptor stays open
	check.once('close', () => {
		if (!raw.destroyed) raw.destroy();
		if (!inflated.destroyed) inflated.destroy();
	});
	return inflated.pipe(check);
}

/** Where an entry's data begins: after its local header, whose name and extra field lengths may differ from the
 * central directory's. */
async function dataStart(file: string, entry: ZipEntryInfo): Promise<number> {
	const offset = entry.offset;
	const name = Buffer.from(entry.name);
	const header = Buffer.alloc(30 + name.length);
	const handle = await open(file, 'r');
	try {
		const { bytesRead } = await handle.read(header, 0, header.length, offset);
		// names are compared when ASCII (as the regulator's are); others may be stored in CP437
		const ascii = /^[\x20-\x7e]*$/.test(entry.name);
		const named = !ascii || (header.readUInt16LE(26) === name.length && header.subarray(30).equals(name));
		if (bytesRead < header.length || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE || !named)
			throw new UdidReleaseError(
				'zip',
				`${file}: ${entry.name} is not where the zip's directory put it (offset ${offset}): the file changed since its parts were listed, or is corrupted. List the parts again.`,
			);
	} catch (error) {
		throw error instanceof UdidReleaseError ? error : zipError(file, error);
	} finally {
		await handle.close();
	}
	return offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
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
			const expected = this.entry.uncompressedSize;
			const message = `${where}: inflated to ${this.bytes} bytes, the zip directory says ${expected}`;
			return done(new UdidReleaseError('crc', message));
		}
		if (this.crc >>> 0 !== this.entry.crc32 >>> 0) {
			const advice = 'delete the file from the cache and download it again';
			return done(new UdidReleaseError('crc', `${where}: CRC-32 mismatch (corrupted download); ${advice}`));
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
