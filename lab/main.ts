/**
 * `npm start`: builds the site if needed, starts the lab, prints what it serves, and shuts down
 * cleanly on Ctrl-C (SIGINT) or SIGTERM: WebSockets get Close 1001, sockets end, exit code 0.
 */
import { buildSiteIfNeeded } from './build';
import { ConfigError, parseCli, USAGE } from './config';
import { LIMITS } from './http/limits';
import { startLab, type RunningLab } from './server';
import { WS_PATHS } from './websocket/routes';

function banner(lab: RunningLab): string {
  const ws = lab.origin.replace(/^http/, 'ws');
  const host = lab.config.host;
  const lines = [
    `Wire Notebook lab: ${lab.url}`,
    lab.servesSite
      ? `  site        ${lab.config.siteDir}/ at ${lab.url}`
      : '  site        (not served: no built site; run `npm run build`)',
    `  websocket   ${ws}${WS_PATHS.echo}   ${ws}${WS_PATHS.inspect}`,
    `  http        /lab/status  /lab/http/head  ${Object.keys(LIMITS)
      .map((k) => `/lab/http/limit/${k}`)
      .join('  ')}`,
    '  tcp         /lab/tcp/nagle  /lab/tcp/boundaries  /lab/tcp/backpressure  /lab/tcp/refused  (Server-Sent Events)',
    lab.tcpEchoPort === null
      ? '  tcp echo    off'
      : `  tcp echo    ${host}:${lab.tcpEchoPort}   try: nc ${host} ${lab.tcpEchoPort}   capture: sudo tcpdump -i lo -n port ${lab.tcpEchoPort}`,
    `  origins     ${lab.config.allowOrigins.length > 0 ? `own + ${lab.config.allowOrigins.join(', ')}` : 'own only (add with --allow-origin)'}`,
    `  hosts       IP addresses, localhost, *.localhost${lab.config.allowHosts.length > 0 ? `, ${lab.config.allowHosts.join(', ')}` : ' (add names with --allow-host)'}`,
    'Press Ctrl-C to stop.',
  ];
  return lines.join('\n');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`lab: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  const { config } = cli;
  if (
    cli.build &&
    config.siteDir !== null &&
    !buildSiteIfNeeded(process.cwd(), config.siteDir, (line) => console.log(line))
  ) {
    console.error('lab: the site build failed; fix it, or start the lab without the site: npm start -- --no-build');
    return 1;
  }
  if (!LOOPBACK.has(config.host)) {
    console.warn(
      `lab: WARNING: binding ${config.host}, not loopback — other machines can reach the lab and its experiments.`,
    );
  }

  let lab: RunningLab;
  try {
    lab = await startLab(config);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { port?: number };
    if (e.code === 'EADDRINUSE') {
      console.error(
        `lab: port ${e.port ?? config.port} on ${config.host} is in use (is the lab already running?). Choose another with --port or PORT.`,
      );
      return 1;
    }
    throw error;
  }
  console.log(banner(lab));

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.log(`\nlab: ${signal}: closing WebSockets (1001) and sockets …`);
      process.once(signal, () => process.exit(130)); // a second Ctrl-C does not wait
      void lab.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('lab: stopped.');
  return 0;
}

process.exit(await main());
