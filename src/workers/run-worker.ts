import { Worker } from "node:worker_threads";

/** Runs one worker thread on `data` and resolves with the single message it sends back. */
export function runWorker<T>(url: URL, data: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: data });
    worker.once("message", (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`a worker thread stopped (exit code ${code}) before sending its results`)));
  });
}
