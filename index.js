// n8n loads the nodes and credentials listed in package.json's "n8n" block; this entry point exists so the
// package can also be required directly (e.g. to use the UDID client outside n8n).
module.exports = {};
