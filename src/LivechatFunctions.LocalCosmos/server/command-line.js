"use strict";

// The launcher's arguments (see launcher.js for their meaning).

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node launcher.js [--port N] [--parent-pid PID] [--ignore-stdin]\n`
  );
  process.exit(2);
}

function parseInteger(name, text, min, max) {
  const value = Number(text);
  if (text === undefined || text === "" || !Number.isInteger(value) || value < min || value > max) {
    usage(`invalid ${name}: ${text}`);
  }
  return value;
}

function parseArgs(argv) {
  const args = { port: undefined, parentPid: undefined, ignoreStdin: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inlineValue] = argv[i].split(/=(.*)/s, 2);
    const takeValue = () => (inlineValue !== undefined ? inlineValue : argv[++i]);
    switch (flag) {
      case "-p":
      case "--port":
        args.port = parseInteger("port", takeValue(), 0, 65535);
        break;
      case "--parent-pid":
        args.parentPid = parseInteger("parent pid", takeValue(), 1, 2 ** 31 - 1);
        break;
      case "--ignore-stdin":
        args.ignoreStdin = true;
        break;
      default:
        usage(`unknown argument: ${argv[i]}`);
    }
  }
  if (args.port === undefined) {
    const fromEnv = process.env.LIVECHAT_COSMOS_PORT;
    args.port = fromEnv ? parseInteger("LIVECHAT_COSMOS_PORT", fromEnv, 0, 65535) : 0;
  }
  return args;
}

module.exports = { parseArgs };
