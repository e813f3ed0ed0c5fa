import { spawn } from "child_process";
import net from "net";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");

/** Runs `npm start`'s script on a port and resolves with its exit code and output (or null on a hang). */
function runStart(port: number, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts/start.js")], {
      cwd: ROOT,
      env: { ...process.env, npm_package_config_dev_server_port: String(port) },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("npm start", () => {
  it.each(["127.0.0.1", "::1"])("with the port taken by another program on %s, says so and exits non-zero without starting", async (host) => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, host, resolve));
    const { port } = other.address() as net.AddressInfo;
    try {
      const run = await runStart(port, 20000);
      expect(run.output).toMatch(new RegExp(`Port ${port} is already in use by another program`));
      expect(run.output).toMatch(/dev_server_port/);
      expect(run.code).toBe(1);
      expect(run.output).not.toMatch(/Building and serving/);
    } finally {
      other.close();
    }
  }, 30000);
});
