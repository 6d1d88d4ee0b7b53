import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ParameterError } from '../../../udid/parameter-error';
import { listParts, type ReleasePart } from '../../../udid/releases';

/**
 * A zip or XML part in a binary property of the incoming item (HTTP Request with "File" response, Read File).
 * With n8n's filesystem (2.x default), database (queue mode) or S3 binary mode the bytes are streamed from the
 * binary store; in memory mode n8n already holds them, and they are handed on without a copy. A zip is written
 * to a temporary file in the cache folder (zips need random access to their directory) and removed afterwards.
 */
export interface BinaryInput {
	label: string;
	kind: 'zip' | 'xml';
	open: () => Promise<Readable>;
}

const BINARY_FORM = 'the name of a binary property of the input item holding a zip or XML file, e.g. data';

export async function binaryInput(ctx: IExecuteFunctions, itemIndex: number, property: string): Promise<BinaryInput> {
	if (!property) throw new ParameterError('Input Binary Field', 'is empty', BINARY_FORM);
	const present = ctx.getInputData()[itemIndex]?.binary ?? {};
	if (!present[property]) {
		const names = Object.keys(present);
		throw new ParameterError(
			'Input Binary Field',
			`the input item has no binary property "${property}"${names.length ? ` (it has ${names.join(', ')})` : ' (it has no binary data)'}`,
			BINARY_FORM,
		);
	}
	const binary: IBinaryData = ctx.helpers.assertBinaryData(itemIndex, property);
	const open = async (): Promise<Readable> =>
		binary.id
			? ctx.helpers.getBinaryStream(binary.id)
			: Readable.from([await ctx.helpers.getBinaryDataBuffer(itemIndex, property)]);
	const label = binary.fileName ?? `binary property "${property}"`;
	return { label, kind: (await looksLikeZip(binary, open)) ? 'zip' : 'xml', open };
}

/** A zip by its name or MIME type, else by its first bytes (PK\x03\x04). */
async function looksLikeZip(binary: IBinaryData, open: () => Promise<Readable>): Promise<boolean> {
	const name = `${binary.fileName ?? ''}.${binary.fileExtension ?? ''}`.toLowerCase();
	if (/\.zip(\.|$)/.test(name) || /zip/i.test(binary.mimeType ?? '')) return true;
	if (/\.xml(\.|$)/.test(name) || /xml/i.test(binary.mimeType ?? '')) return false;
	const stream = await open();
	try {
		for await (const chunk of stream)
			return (chunk as Buffer).subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		return false;
	} finally {
		stream.destroy();
	}
}

export interface ZipOnDisk {
	parts: ReleasePart[];
	remove(): void;
}

/** Streams the binary zip into a temporary file of the cache folder and lists its parts. */
export async function binaryZipToDisk(input: BinaryInput, cacheDir: string): Promise<ZipOnDisk> {
	const dir = join(cacheDir, 'input');
	mkdirSync(dir, { recursive: true });
	const safe =
		input.label
			.replace(/^.*[\\/]/, '')
			.replace(/[^A-Za-z0-9._-]/g, '_')
			.slice(-80) || 'input.zip';
	const file = join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${safe}`);
	const remove = () => {
		rmSync(file, { force: true });
		rmSync(`${file}.d`, { recursive: true, force: true });
	};
	let listed = false;
	try {
		await pipeline(await input.open(), createWriteStream(file));
		const parts = await listParts(file, { extractDir: `${file}.d` });
		listed = true;
		return { parts, remove };
	} finally {
		if (!listed) remove();
	}
}
