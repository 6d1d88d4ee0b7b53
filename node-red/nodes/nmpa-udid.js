// Node-RED loads the editor files (.html, locales/, icons/) from this folder; the code is compiled TypeScript.
module.exports = function (RED) {
	require('../dist/node-red/src/udid-node').registerUdidNode(RED);
};
