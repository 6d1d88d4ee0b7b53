/** Errors of the release path: what failed, whether trying again can help, and never a secret (there is none). */

export type ReleaseFailure =
	| 'feed' // the RSS feed could not be read or parsed
	| 'http' // the download answered an HTTP error
	| 'network' // connection reset, timeout, TLS
	| 'size' // fewer or more bytes than Content-Length announced
	| 'zip' // central directory unreadable (truncated or not a zip)
	| 'crc' // an entry's bytes do not match its CRC-32
	| 'xml' // a part that is not the expected XML
	| 'count' // header count (numberRkeyecordXML) differs from the records read
	| 'input' // a bad parameter
	| 'aborted';

export class UdidReleaseError extends Error {
	readonly name = 'UdidReleaseError';
	readonly retryable: boolean;

	constructor(
		readonly failure: ReleaseFailure,
		message: string,
		options?: { cause?: unknown; retryable?: boolean; httpStatus?: number },
	) {
		super(message, options?.cause === undefined ? undefined : { cause: options.cause });
		this.httpStatus = options?.httpStatus;
		const serverSide = failure === 'http' && (options?.httpStatus ?? 500) >= 500;
		this.retryable = options?.retryable ?? (failure === 'network' || failure === 'size' || serverSide);
	}

	readonly httpStatus?: number;
}
