/**
 * One shape for every bad-parameter message of every shell: `Parameter "X": <problem>. Accepted: <form>`.
 * The core throws it; a shell maps it to its own error type (n8n: NodeOperationError) without rewording it.
 */
export class ParameterError extends Error {
	override readonly name: string = 'ParameterError';

	constructor(
		readonly parameter: string,
		readonly problem: string,
		readonly accepted: string,
	) {
		super(parameterMessage(parameter, problem, accepted));
	}
}

export function parameterMessage(parameter: string, problem: string, accepted: string): string {
	return `Parameter "${parameter}": ${problem}. Accepted: ${accepted}`;
}

/** Throws the ParameterError; handy as a `BadParameter` callback. */
export function badParameter(parameter: string, problem: string, accepted: string): never {
	throw new ParameterError(parameter, problem, accepted);
}

export type BadParameter = (parameter: string, problem: string, accepted: string) => never;

/** A whole number in [min, max] (a numeric string counts), or a ParameterError naming the parameter. */
export function wholeNumber(
	value: unknown,
	parameter: string,
	min: number,
	max: number,
	bad: BadParameter = badParameter,
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
		bad(
			parameter,
			`${JSON.stringify(value)} is not allowed`,
			`a whole number from ${min}${max === Infinity ? ' up' : ` to ${max}`}`,
		);
	}
	return n as number;
}
