/** Entry of the Node-RED package: `nodes/*.js` load these two registrations. */
export { registerConfigNode } from './config-node';
export { registerUdidNode } from './udid-node';
