import type { Endpoint } from './errors';
import { UdidTransportError } from './errors';

const BOM = '\uFEFF';
const MAX_UNWRAP = 3;

/**
 * Turns an answer body into a plain object, surviving what real gateways send: a BOM, JSON encoded twice (a
 * JSON string holding escaped JSON), and HTML error pages served with HTTP 200. A body that is not JSON
 * (truncated, HTML) becomes a retryable transport error that quotes none of the body beyond a short excerpt.
 */
export function decodeAnswerBody(endpoint: Endpoint, body: string, contentType = ''): Record<string, unknown> {
	let text = body.startsWith(BOM) ? body.slice(1) : body;
	text = text.trim();
	if (looksLikeHtml(text, contentType)) {
		throw new UdidTransportError(
			endpoint,
			'html',
			`UDID ${endpoint} answered with an HTML page instead of JSON (a gateway or maintenance page): "${excerpt(stripTags(text))}"`,
		);
	}
	let value: unknown = parseJson(endpoint, text);
	for (let i = 0; typeof value === 'string' && i < MAX_UNWRAP; i++) {
		const inner = value.trim();
		value = parseJson(endpoint, inner.startsWith(BOM) ? inner.slice(1) : inner);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new UdidTransportError(endpoint, 'decode', `UDID ${endpoint} answer is not a JSON object`);
	}
	return value as Record<string, unknown>;
}

function parseJson(endpoint: Endpoint, text: string): unknown {
	if (text === '') throw new UdidTransportError(endpoint, 'decode', `UDID ${endpoint} answered with an empty body`);
	try {
		return JSON.parse(text);
	} catch {
		// One public client strips backslashes before parsing: a double-encoded answer whose outer quotes were lost.
		if (text.startsWith('{\\"')) {
			try {
				return JSON.parse(text.replace(/\\"/g, '"'));
			} catch {
				/* fall through to the error below */
			}
		}
		throw new UdidTransportError(
			endpoint,
			'decode',
			`UDID ${endpoint} answer is not valid JSON (truncated or corrupted, ${text.length} characters)`,
		);
	}
}

function looksLikeHtml(text: string, contentType: string): boolean {
	return /text\/html/i.test(contentType) || /^<(!doctype|html|head|body|\?xml)/i.test(text);
}

function stripTags(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function excerpt(text: string): string {
	return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
