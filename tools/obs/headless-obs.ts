// Start a real OBS for tests and measurements: throwaway HOME, its own Xvfb, WebSocket server on, inside a private network.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';

export interface HeadlessObsOptions {
  readonly password: string;
  readonly port?: number;
  /** How long OBS may take to open its WebSocket port (it takes about 2 s here). */
  readonly startTimeoutMs?: number;
  /**
   * A scene collection for OBS to load at start, as OBS saves one (basic/scenes/*.json): for what obs-websocket cannot
   * make, such as groups. Without it OBS starts with its default empty scene.
   */
  readonly sceneCollection?: Readonly<Record<string, unknown>>;
}

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Both binaries the harness needs; when false, OBS tests skip (or fail under CI). */
export function headlessObsAvailable(): boolean {
  return commandExists('obs') && commandExists('Xvfb');
}

/** True inside tools/obs/private-network.sh: the only network interface is loopback. */
export function inPrivateNetwork(): boolean {
  return Object.keys(networkInterfaces()).every((name) => name === 'lo');
}

const GLOBAL_INI = `[General]
FirstRun=true

[OBSWebSocket]
FirstLoad=false
ServerEnabled=true
ServerPort=4455
AuthRequired=true
AlertsEnabled=false
`;

// A small, slow canvas: llvmpipe renders every frame on CPUs the other tests share, and nothing here looks at pixels.
const PROFILE_INI = `[General]
Name=Untitled

[Video]
BaseCX=320
BaseCY=180
OutputCX=320
OutputCY=180
FPSType=1
FPSInt=10
`;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  // -displayfd: Xvfb picks a free display number itself and writes it to fd 3.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '640x360x24'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  xvfb.stderr!.on('data', (chunk) => (stderr += chunk));
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    xvfb.stdio[3]!.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before choosing a display: ${stderr.trim()}`)));
  });
  return { process: xvfb, display };
}

export class HeadlessObs {
  readonly port: number;
  readonly url: string;
  readonly home: string;
  readonly #password: string;
  readonly #startTimeoutMs: number;
  #xvfb: { process: ChildProcess; display: string } | null = null;
  #obs: ChildProcess | null = null;
  readonly #killOnExit = () => {
    this.#obs?.kill('SIGKILL');
    this.#xvfb?.process.kill('SIGKILL');
  };

  private constructor(options: HeadlessObsOptions) {
    this.port = options.port ?? 4455;
    this.url = `ws://127.0.0.1:${this.port}`;
    this.#password = options.password;
    this.#startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.home = mkdtempSync(path.join(tmpdir(), 'handcast-obs-'));
    const config = path.join(this.home, '.config', 'obs-studio');
    mkdirSync(path.join(config, 'basic', 'profiles', 'Untitled'), { recursive: true });
    writeFileSync(path.join(config, 'global.ini'), GLOBAL_INI.replace('4455', String(this.port)));
    writeFileSync(path.join(config, 'basic', 'profiles', 'Untitled', 'basic.ini'), PROFILE_INI);
    if (options.sceneCollection) {
      // OBS opens the collection named "Untitled" unless global.ini names another.
      mkdirSync(path.join(config, 'basic', 'scenes'), { recursive: true });
      writeFileSync(path.join(config, 'basic', 'scenes', 'Untitled.json'), JSON.stringify({ ...options.sceneCollection, name: 'Untitled' }));
    }
  }

  /** Xvfb, then OBS, resolved once the WebSocket port accepts connections. */
  static async start(options: HeadlessObsOptions): Promise<HeadlessObs> {
    if (!inPrivateNetwork()) {
      throw new Error('Refusing to start OBS outside a private network namespace (its WebSocket server binds every interface): '
        + 'run through tools/obs/private-network.sh, as npm run test:obs and npm run obs:latency do.');
    }
    const obs = new HeadlessObs(options);
    process.once('exit', obs.#killOnExit);
    try {
      obs.#xvfb = await startXvfb();
      await obs.startObs();
    } catch (error) {
      await obs.stop();
      throw error;
    }
    return obs;
  }

  get logFile(): string {
    return path.join(this.home, 'obs-output.log');
  }

  /** Start OBS (again, after kill()) with the same HOME and display. */
  async startObs(): Promise<void> {
    if (!this.#xvfb) throw new Error('HeadlessObs was stopped');
    const log = openSync(this.logFile, 'a');
    const obs = spawn('obs', [
      '--disable-updater', '--multi', '--minimize-to-tray',
      '--websocket_port', String(this.port), '--websocket_password', this.#password, '--websocket_ipv4_only',
    ], {
      env: { ...process.env, HOME: this.home, DISPLAY: this.#xvfb.display, LIBGL_ALWAYS_SOFTWARE: '1' },
      cwd: this.home,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.#obs = obs;
    const deadline = Date.now() + this.#startTimeoutMs;
    while (!(await portOpen(this.port))) {
      if (obs.exitCode !== null || obs.signalCode !== null) {
        throw new Error(`OBS exited (${obs.exitCode ?? obs.signalCode}) before opening port ${this.port}:\n${this.logTail()}`);
      }
      if (Date.now() > deadline) throw new Error(`OBS did not open port ${this.port} within ${this.#startTimeoutMs} ms:\n${this.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL OBS, as a crash would: no goodbye on the socket. */
  async kill(): Promise<void> {
    const obs = this.#obs;
    this.#obs = null;
    if (!obs) return;
    obs.kill('SIGKILL');
    await waitForExit(obs, 10_000);
  }

  /** Stop OBS and Xvfb and delete the throwaway HOME. */
  async stop(): Promise<void> {
    const obs = this.#obs;
    this.#obs = null;
    if (obs) {
      obs.kill('SIGTERM');
      if (!(await waitForExit(obs, 5000))) {
        obs.kill('SIGKILL');
        await waitForExit(obs, 5000);
      }
    }
    const xvfb = this.#xvfb;
    this.#xvfb = null;
    if (xvfb) {
      xvfb.process.kill('SIGTERM');
      if (!(await waitForExit(xvfb.process, 5000))) xvfb.process.kill('SIGKILL');
    }
    process.removeListener('exit', this.#killOnExit);
    rmSync(this.home, { recursive: true, force: true });
  }

  /** Process ids of the OBS and Xvfb this harness started (for checking nothing is left behind). */
  get pids(): number[] {
    return [this.#obs?.pid, this.#xvfb?.process.pid].filter((pid): pid is number => pid !== undefined);
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no OBS log)';
    }
  }
}
