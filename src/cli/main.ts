#!/usr/bin/env node
/**
 * The `gitlab-edge` command: GitLab's REST API from the command line, one command per endpoint of the
 * library. Runs on Node, Deno and Bun:
 *
 * ```sh
 * npx gitlab-edge --simulator projects list --format table            # from the npm package
 * deno run --allow-net --allow-env --allow-read --allow-write src/cli/main.ts projects list
 * bunx gitlab-edge project-pipelines retry acme/web 42
 * ```
 *
 * This file is the process glue (arguments, environment, standard streams, files, Ctrl-C); the tool
 * itself is `runCli` in `run.ts`.
 *
 * @module
 */

import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import process from "node:process";
import type { Writable } from "node:stream";
import { type CliIO, runCli, type Sink } from "./run.ts";

/** A sink over a Node writable stream that waits for `drain` when the stream is full. */
function sinkOf(stream: Writable, closeIt: boolean): Sink {
  let failed: Error | undefined;
  stream.on("error", (e: Error) => (failed = e));
  return {
    write(chunk) {
      if (failed) return Promise.reject(failed);
      return new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        stream.once("error", onError);
        const ok = stream.write(chunk, () => {});
        const settle = () => {
          stream.off("error", onError);
          resolve();
        };
        if (ok) settle();
        else stream.once("drain", settle);
      });
    },
    close() {
      if (!closeIt) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        if (failed) return reject(failed);
        stream.end(() => resolve());
      });
    },
  };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function main(): Promise<void> {
  const interrupt = new AbortController();
  process.once("SIGINT", () => interrupt.abort(new Error("interrupted")));
  const io: CliIO = {
    env: (name) => process.env[name],
    stdout: sinkOf(process.stdout, false),
    stderr: sinkOf(process.stderr, false),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    readFile: async (path) => (path === "-" ? await readStdin() : new Uint8Array(await readFile(path))),
    openOutput: (path) =>
      new Promise<Sink>((resolve, reject) => {
        const stream = createWriteStream(path);
        stream.once("open", () => resolve(sinkOf(stream, true)));
        stream.once("error", reject);
      }),
    signal: interrupt.signal,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
  // A downstream reader that went away (`| head`) is not an error of ours.
  process.stdout.on("error", () => {});
}

await main();
