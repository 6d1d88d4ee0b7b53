/** node-red-node-test-helper ships no types; the tests use it through the loose shape below. */
declare module 'node-red-node-test-helper' {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const helper: any;
	export = helper;
}
