// For a handler bundle built with the AWS SDK external: how many SDK modules Node has loaded after the
// require (init) and after the handler's first call has started. Prints { atInit, afterFirstCall } as JSON.
const sdkModules = () =>
  Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]@(aws-sdk|smithy)[\\/]/.test(file))
    .length;

const { handler } = require(process.argv[2]);
const atInit = sdkModules();
// The call is not awaited: its AWS request may never succeed here; the imports it triggers are what counts.
handler({ body: '{"orderId":"o-1"}' }, {}).catch(() => undefined);
setTimeout(() => {
  process.stdout.write(JSON.stringify({ atInit, afterFirstCall: sdkModules() }));
  process.exit(0);
}, 500);
